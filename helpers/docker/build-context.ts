/**
 * The build context of a Dockerfile as a tar stream, honouring .dockerignore (patterns in order, "!" re-includes,
 * a pattern that matches a directory covers everything under it). The Dockerfile is always sent.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Readable } from "node:stream";

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

/** A tar stream of the context's files (the `tar` CLI; no extra dependency). */
export function contextTar(context: string, dockerfile: string): Readable {
  const files = contextFiles(context, dockerfile);
  const tar = spawn("tar", ["-C", context, "-cf", "-", "--", ...files], { stdio: ["ignore", "pipe", "inherit"] });
  return tar.stdout;
}
