/**
 * `npm run setup:tools` as a function: for each requested pinned tool, use the one on PATH when a user has it, keep a
 * built one whose stamp matches, else build it from the Go module proxy into `<toolsDir>/bin`. Every outcome says
 * what happened and how long it took; one failed build does not stop the others, and is reported.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { $ } from "zx";
import { SmokebookError } from "../errors.ts";
import { findTool, type ToolName, toolsDir } from "./find-tool.ts";
import { goBuild } from "./go-build.ts";
import { type GoToolSpec, TOOL_SPECS } from "./tool-specs.ts";
import { readStamp, stampKey, writeStamp } from "./tool-stamp.ts";

type Env = Readonly<Record<string, string | undefined>>;

export type SetupOutcome = "built" | "up-to-date" | "on-path" | "failed";

export interface SetupResult {
  tool: ToolName;
  version: string;
  outcome: SetupOutcome;
  path: string;
  seconds: number;
  /** The error message of a failed build. */
  error?: string;
}

export interface SetupOptions {
  /** Rebuild even when the stamp matches, and ignore a tool on PATH. */
  force?: boolean;
  env?: Env;
  log?: (line: string) => void;
  specs?: readonly GoToolSpec[];
}

export class UnknownToolError extends SmokebookError {
  readonly tool: string;

  constructor(tool: string, known: readonly string[]) {
    super("TOOL_UNKNOWN", `setup:tools does not know a tool named ${JSON.stringify(tool)}; known: ${known.join(", ")}`);
    this.tool = tool;
  }
}

export class GoMissingError extends SmokebookError {
  constructor(detail: string) {
    super("GO_MISSING", `setup:tools needs the Go toolchain (\`go\` on PATH): ${detail}`);
  }
}

/** The specs for the named tools (all when none are named), in build order; unknown names are an error. */
export function selectSpecs(names: readonly string[], specs: readonly GoToolSpec[] = TOOL_SPECS): GoToolSpec[] {
  const known = specs.map((s) => s.name);
  for (const name of names) if (!known.includes(name as ToolName)) throw new UnknownToolError(name, known);
  return names.length === 0 ? [...specs] : specs.filter((s) => names.includes(s.name));
}

async function goVersion(env: Env): Promise<string> {
  const out = await $({ env: env as NodeJS.ProcessEnv, quiet: true, nothrow: true })`go env GOVERSION`;
  if (out.exitCode !== 0) throw new GoMissingError(out.stderr.trim() || `exit ${out.exitCode}`);
  return out.stdout.trim();
}

const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

export async function setupTools(names: readonly string[], options: SetupOptions = {}): Promise<SetupResult[]> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const selected = selectSpecs(names, options.specs);
  const dir = toolsDir(env);
  const bin = join(dir, "bin");
  const go = await goVersion(env);
  const results: SetupResult[] = [];
  for (const spec of selected) {
    const started = Date.now();
    const result = (outcome: SetupOutcome, path: string, error?: string): SetupResult => ({
      tool: spec.name,
      version: spec.version,
      outcome,
      path,
      seconds: seconds(started),
      ...(error ? { error } : {}),
    });
    const found = findTool(spec.name, env);
    if (!options.force && found && resolve(found.path) !== resolve(bin, spec.name)) {
      log(`${spec.name}: on PATH at ${found.path}, not built (that one is used)`);
      results.push(result("on-path", found.path));
      continue;
    }
    const out = join(bin, spec.name);
    const key = stampKey(spec, go);
    if (!options.force && existsSync(out) && readStamp(dir, spec.name)?.key === key) {
      log(`${spec.name} ${spec.version}: up to date (${out})`);
      results.push(result("up-to-date", out));
      continue;
    }
    log(`${spec.name} ${spec.version}: building ${spec.pkg} with ${go} …`);
    try {
      await goBuild(spec, out, {
        env: env as NodeJS.ProcessEnv,
        onHeartbeat: (ms) => log(`${spec.name}: still building (${Math.round(ms / 1000)} s)`),
      });
      const done = result("built", out);
      await writeStamp(dir, {
        tool: spec.name,
        version: spec.version,
        key,
        goVersion: go,
        builtAt: new Date().toISOString(),
        buildSeconds: done.seconds,
      });
      log(`${spec.name} ${spec.version}: built in ${done.seconds} s (${out})`);
      results.push(done);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${spec.name} ${spec.version}: FAILED after ${seconds(started)} s: ${message}`);
      results.push(result("failed", out, message));
    }
  }
  return results;
}
