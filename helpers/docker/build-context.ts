/**
 * The build context of a Dockerfile as a tar stream, honouring .dockerignore (patterns in order, "!" re-includes,
 * a pattern that matches a directory covers everything under it). The Dockerfile is always sent.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, posix, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import { streamStdout } from "../process/stream-stdout.ts";

interface Rule {
  pattern: string;
  include: boolean;
  regex: RegExp;
}

/** Go filepath.Match semantics as Docker uses them: * and ? stay within a path segment (dotfiles included), ** spans. */
function globToRegex(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*" && pattern[i + 1] === "*") {
      out += ".*";
      i++;
      if (pattern[i + 1] === "/") i++;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

export function parseDockerignore(text: string): Rule[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const include = line.startsWith("!");
      const pattern = posix.normalize((include ? line.slice(1) : line).trim()).replace(/^\/+|\/+$/g, "");
      return { pattern, include, regex: globToRegex(pattern) };
    });
}

/** Whether a context-relative path is excluded; `path` or any of its parent folders may match a rule. */
export function isIgnored(path: string, rules: ReadonlyArray<Rule>): boolean {
  const parts = path.split("/");
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.include;
  }
  return ignored;
}

function walk(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(join(dir, entry.name), rel) : [rel];
  });
}

export function contextFiles(context: string, dockerfile: string): string[] {
  const ignoreFile = join(context, ".dockerignore");
  const rules = existsSync(ignoreFile) ? parseDockerignore(readFileSync(ignoreFile, "utf8")) : [];
  const files = walk(context).filter((file) => !isIgnored(file, rules));
  if (!files.includes(dockerfile)) files.push(dockerfile);
  return files.sort();
}

/** The name under which a Dockerfile outside its context travels in the build context. */
export const OUTSIDE_DOCKERFILE = ".smokebook.Dockerfile";

export interface BuildContext {
  tar: Readable;
  /** The Dockerfile's path inside the context, as the engine wants it (POSIX, relative to the context). */
  dockerfile: string;
  /** Removes the temporary copy of a Dockerfile that lives outside the context. */
  dispose: () => void;
}

/** The Dockerfile relative to the context, or undefined when it lies outside it. */
export function dockerfileInContext(context: string, dockerfile: string): string | undefined {
  const rel = relative(context, dockerfile);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/**
 * A tar stream of the context's files (the `tar` CLI; no extra dependency). `dockerfile` is an absolute path; when
 * it lies outside the context (`docker build -f ../Dockerfile .`), a copy travels as .smokebook.Dockerfile.
 */
export function contextTar(context: string, dockerfile: string): BuildContext {
  const inside = dockerfileInContext(context, dockerfile);
  if (inside !== undefined) {
    const files = contextFiles(context, inside);
    return {
      tar: streamStdout(["tar", "-C", context, "-cf", "-", "--", ...files]),
      dockerfile: inside,
      dispose: () => {},
    };
  }
  const holder = mkdtempSync(join(tmpdir(), "smokebook-dockerfile-"));
  copyFileSync(dockerfile, join(holder, OUTSIDE_DOCKERFILE));
  const files = contextFiles(context, OUTSIDE_DOCKERFILE).filter((f) => f !== OUTSIDE_DOCKERFILE);
  // -C is positional in GNU tar but a file name after "--": the Dockerfile's folder first, then the context's files.
  const tar = streamStdout(["tar", "-cf", "-", "-C", holder, OUTSIDE_DOCKERFILE, "-C", context, "--", ...files]);
  return { tar, dockerfile: OUTSIDE_DOCKERFILE, dispose: () => rmSync(holder, { recursive: true, force: true }) };
}
