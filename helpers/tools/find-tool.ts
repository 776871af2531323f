/**
 * Where smokebook finds the upstream binaries it drives (helm, etcd, kube-apiserver, …): an executable of that name on
 * PATH first (a user's own install), else the one `npm run setup:tools` built into SMOKEBOOK_TOOLS_DIR (default
 * `.tools/` in the smokebook checkout), under `bin/`. A missing tool is an environment problem, never a verdict on the
 * target: callers skip with `toolMissingNote(name)` (or fail under SMOKEBOOK_STRICT=1).
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { SmokebookError } from "../errors.ts";
import { fromRoot } from "../paths.ts";

type Env = Readonly<Record<string, string | undefined>>;

export const TOOL_NAMES = [
  "helm",
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kubelet",
  "kwok",
  "kubectl",
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface FoundTool {
  name: ToolName;
  path: string;
  /** "PATH" for a user's own install, "tools-dir" for one `npm run setup:tools` built. */
  source: "PATH" | "tools-dir";
}

/** The folder `npm run setup:tools` builds into (SMOKEBOOK_TOOLS_DIR, default `.tools/` of the checkout). */
export function toolsDir(env: Env = process.env): string {
  const chosen = env.SMOKEBOOK_TOOLS_DIR?.trim();
  return chosen ? resolve(chosen) : fromRoot(".tools");
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The tool on PATH, else in `<toolsDir>/bin`; undefined when neither has it. */
export function findTool(name: ToolName, env: Env = process.env): FoundTool | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (executable(candidate)) return { name, path: candidate, source: "PATH" };
  }
  const built = join(toolsDir(env), "bin", name);
  return executable(built) ? { name, path: built, source: "tools-dir" } : undefined;
}

/** What a skip note says when a tool is missing: what was looked at and how to provide it. */
export function toolMissingNote(name: ToolName, env: Env = process.env): string {
  return (
    `${name} is not installed: not on PATH and not in ${join(toolsDir(env), "bin")} ` +
    "(run `npm run setup:tools`, or put it on PATH)"
  );
}

export class ToolMissingError extends SmokebookError {
  readonly tool: ToolName;

  constructor(name: ToolName, env: Env = process.env) {
    super("TOOL_MISSING", toolMissingNote(name, env));
    this.tool = name;
  }
}

/** The tool's path, or a ToolMissingError naming what is missing and how to provide it. */
export function requireTool(name: ToolName, env: Env = process.env): FoundTool {
  const found = findTool(name, env);
  if (!found) throw new ToolMissingError(name, env);
  return found;
}
