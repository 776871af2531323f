/**
 * Builds one pinned tool with the Go toolchain, niced (the machine's cores are shared), into a temporary path that
 * is renamed over the final one only when the build succeeded, so an interrupted build never leaves a half binary.
 */
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { $, type ProcessOutput } from "zx";
import { SmokebookError } from "../errors.ts";
import { fromRoot } from "../paths.ts";
import type { GoToolSpec } from "./tool-specs.ts";

export class GoBuildError extends SmokebookError {
  readonly tool: string;
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(tool: string, exitCode: number | null, stderr: string) {
    const tail = stderr.trim().split("\n").slice(-15).join("\n");
    super("GO_BUILD_FAILED", `building ${tool} failed (go exit ${exitCode}):\n${tail}`);
    this.tool = tool;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export interface GoBuildOptions {
  /** Called every `heartbeatMs` while the build runs (progress on a long wait). */
  onHeartbeat?: (elapsedMs: number) => void;
  heartbeatMs?: number;
  env?: NodeJS.ProcessEnv;
}

function buildArgs(spec: GoToolSpec): string[] {
  const args = ["-trimpath", "-ldflags", spec.ldflags.join(" ")];
  if (spec.tags && spec.tags.length > 0) args.push("-tags", spec.tags.join(","));
  return args;
}

/** `nice -n 10 go install|build …` for the spec; the binary ends up at `outPath`. */
export async function goBuild(spec: GoToolSpec, outPath: string, options: GoBuildOptions = {}): Promise<void> {
  // The work folder sits beside the output, so the final rename never crosses file systems.
  await mkdir(dirname(outPath), { recursive: true });
  const work = await mkdtemp(join(dirname(outPath), `.building-${spec.name}-`));
  const started = Date.now();
  const timer = setInterval(() => options.onHeartbeat?.(Date.now() - started), options.heartbeatMs ?? 60_000);
  try {
    const env = { ...(options.env ?? process.env), ...spec.env, GOFLAGS: "-buildvcs=false" };
    let built: string;
    let result: ProcessOutput;
    if (spec.kind === "go-install") {
      // `go install pkg@version` builds the module as its own go.mod says, outside any module of ours.
      result = await $({
        env: { ...env, GOBIN: work },
        quiet: true,
        nothrow: true,
        cwd: work,
      })`nice -n 10 go install ${buildArgs(spec)} ${`${spec.pkg}@${spec.version}`}`;
      built = join(work, spec.pkg.split("/").at(-1) ?? spec.name);
    } else {
      if (!spec.moduleDir)
        throw new SmokebookError("TOOL_SPEC_INVALID", `${spec.name}: a module build needs moduleDir`);
      built = join(work, spec.name);
      result = await $({
        env,
        quiet: true,
        nothrow: true,
        cwd: fromRoot(spec.moduleDir),
      })`nice -n 10 go build ${buildArgs(spec)} -o ${built} ${spec.pkg}`;
    }
    if (result.exitCode !== 0) throw new GoBuildError(spec.name, result.exitCode, result.stderr);
    await rename(built, outPath);
  } finally {
    clearInterval(timer);
    await rm(work, { recursive: true, force: true });
  }
}
