/**
 * What a Dockerfile says about the service's contract: the final stage's USER, EXPOSE, ENV, WORKDIR, CMD and
 * ENTRYPOINT, and the build argument the base image comes from (`ARG BASE_IMAGE` … `FROM ${BASE_IMAGE}`). A small
 * reader of the instructions `smokebook init` drafts from, not a full Dockerfile parser: line continuations,
 * comments, `KEY=value` and legacy `KEY value` ENV forms, exec (JSON) and shell forms.
 */
import { readFileSync } from "node:fs";

export interface DockerfileFacts {
  file: string;
  user?: string | undefined;
  expose: number[];
  env: Array<{ name: string; value: string }>;
  workdir?: string | undefined;
  cmd?: string[] | undefined;
  entrypoint?: string[] | undefined;
  /** The ARG a FROM line uses for its image (the last stage's, else any stage's). */
  baseImageArg?: string | undefined;
  /** The final stage's FROM image as written. */
  baseImage?: string | undefined;
}

interface Instruction {
  keyword: string;
  rest: string;
}

export function instructionsOf(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, " ");
  const instructions: Instruction[] = [];
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(\w+)\s+(.*)$/.exec(line);
    if (match) instructions.push({ keyword: (match[1] as string).toUpperCase(), rest: (match[2] as string).trim() });
  }
  return instructions;
}

/** `["npm", "start"]` (exec form) or `npm start` (shell form, as sh -c). */
export function commandOf(rest: string): string[] {
  if (rest.startsWith("[")) {
    try {
      const parsed = JSON.parse(rest) as unknown;
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === "string")) return parsed;
    } catch {
      // not JSON: the shell form
    }
  }
  return ["/bin/sh", "-c", rest];
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

function envPairs(rest: string): Array<{ name: string; value: string }> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) {
    const [name, ...value] = rest.split(/\s+/);
    return name ? [{ name, value: unquote(value.join(" ")) }] : [];
  }
  const pairs: Array<{ name: string; value: string }> = [];
  for (const m of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    pairs.push({ name: m[1] as string, value: unquote(m[2] as string) });
  }
  return pairs;
}

/** `${NAME}`, `$NAME` and `${NAME:-default}` expanded from the ARG/ENV values known at that point ('' when unknown). */
function expand(value: string, known: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, d, b) => {
    const name = (a ?? b) as string;
    return known.get(name) || (d as string | undefined) || "";
  });
}

export function readDockerfile(file: string, text: string = readFileSync(file, "utf8")): DockerfileFacts {
  const facts: DockerfileFacts = { file, expose: [], env: [] };
  const known = new Map<string, string>();
  for (const { keyword, rest } of instructionsOf(text)) {
    if (keyword === "FROM") {
      const image = rest.split(/\s+/).find((part) => !part.startsWith("--")) ?? rest;
      const arg = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(image)?.[1];
      if (arg) facts.baseImageArg = arg;
      facts.baseImage = image;
      // a new stage: its own USER, EXPOSE, ENV, WORKDIR, CMD
      Object.assign(facts, { user: undefined, expose: [], env: [], workdir: undefined, cmd: undefined });
      facts.entrypoint = undefined;
    } else if (keyword === "ARG") {
      const [name, value] = rest.split("=", 2);
      if (name) known.set(name.trim(), unquote(value?.trim() ?? ""));
    } else if (keyword === "ENV") {
      for (const pair of envPairs(rest)) {
        const value = expand(pair.value, known);
        known.set(pair.name, value);
        facts.env = [...facts.env.filter((e) => e.name !== pair.name), { name: pair.name, value }];
      }
    } else if (keyword === "USER") facts.user = expand(rest, known);
    else if (keyword === "WORKDIR") facts.workdir = expand(rest, known);
    else if (keyword === "EXPOSE") {
      for (const port of rest.split(/\s+/)) {
        const n = Number.parseInt(expand(port, known), 10);
        if (Number.isInteger(n) && !facts.expose.includes(n)) facts.expose.push(n);
      }
    } else if (keyword === "CMD") facts.cmd = commandOf(rest);
    else if (keyword === "ENTRYPOINT") facts.entrypoint = commandOf(rest);
  }
  return facts;
}
