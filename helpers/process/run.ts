/**
 * smokebook's one way to run a short-lived command: `run(argv, options)` on zx's `$`, returning the outcome as a value
 * (never throwing for a non-zero exit): exit code, signal, stdout, stderr, whether the deadline killed it, whether the
 * command was not found. The command runs in its own process group (detached), so a deadline kills everything it
 * started, not only the direct child.
 *
 *   const result = await run(["kubectl", "kustomize", dir], { timeoutMs: 60_000 });
 *   if (result.notFound) … // kubectl is not installed: an environment problem, not a verdict
 *   if (result.exitCode !== 0) … result.stderr
 *
 * Long-running processes (an app under test) use startGroup() from process-group.ts instead.
 */
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { $, type ProcessPromise } from "zx/core";
import { signalGroup } from "./group-members.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface RunOptions {
  cwd?: string;
  /** The whole environment of the command (default: this process's). */
  env?: Env;
  /** Deadline; the whole process group gets SIGKILL when it passes. */
  timeoutMs?: number;
  /** Fed to stdin; without it stdin is closed. */
  input?: string | Buffer | Readable;
}

export interface ProcessResult {
  argv: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The command (or the working directory) does not exist: exit 127 from the shell, or ENOENT. */
  notFound: boolean;
  durationMs: number;
}

/** zx runs the command line through a shell and passes no argv of its own; spawning without it avoids DEP0190. */
const spawnShell: typeof spawn = ((command: string, _args: unknown, options: object) =>
  spawn(command, options)) as unknown as typeof spawn;

/** The zx `$` smokebook uses: quiet, never throwing, own process group, no inherited stdin. */
export function shellFor(options: Omit<RunOptions, "timeoutMs">, stdin: "ignore" | "pipe") {
  return $({
    cwd: options.cwd ?? process.cwd(),
    env: { ...(options.env ?? process.env) } as NodeJS.ProcessEnv,
    nothrow: true,
    quiet: true,
    verbose: false,
    detached: true,
    stdio: [stdin, "pipe", "pipe"],
    spawn: spawnShell,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

/** Starts `argv` (exec'd by the shell, so its pid is the command's own) and returns zx's process promise. */
export function spawnArgv(
  argv: ReadonlyArray<string>,
  options: Omit<RunOptions, "timeoutMs">,
  stdin: "ignore" | "pipe",
) {
  if (argv.length === 0 || argv[0] === "") throw new Error("run(): an empty command");
  return shellFor(options, stdin)`exec ${[...argv]}` as ProcessPromise;
}

function isNotFound(exitCode: number | null, stderr: string, cause: unknown): boolean {
  if ((cause as NodeJS.ErrnoException | null)?.code === "ENOENT") return true;
  return exitCode === 127 && /(not found|No such file or directory)/.test(stderr);
}

export async function run(argv: ReadonlyArray<string>, options: RunOptions = {}): Promise<ProcessResult> {
  const started = Date.now();
  const child = spawnArgv(argv, options, options.input !== undefined ? "pipe" : "ignore");
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
        }, options.timeoutMs);
  try {
    const output = await child;
    return {
      argv: [...argv],
      exitCode: output.exitCode,
      signal: output.signal,
      stdout: output.stdout,
      stderr: output.stderr,
      timedOut,
      notFound: isNotFound(output.exitCode, output.stderr, output.cause),
      durationMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}
