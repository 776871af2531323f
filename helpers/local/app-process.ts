/**
 * The target app as a real local process: started from the contract's start command, stopped (SIGTERM, then
 * SIGKILL after a grace period) when disposed, so `await using app = startApp(…)` never leaks a process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { Env } from "../gates.ts";
import { resolveArgv } from "./run-command.ts";

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class AppProcess implements AsyncDisposable {
  readonly child: ChildProcess;
  readonly exited: Promise<AppExit>;
  stdout = "";
  stderr = "";
  #exit: AppExit | undefined;

  constructor(argv: ReadonlyArray<string>, cwd: string, env: Env) {
    const resolved = resolveArgv(argv);
    this.child = spawn(resolved[0] as string, resolved.slice(1), {
      cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => (this.stdout += chunk.toString("utf8")));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.exited = new Promise((resolve) => {
      this.child.on("error", (error) => {
        this.stderr += `spawn failed: ${error.message}\n`;
        this.#exit = { code: null, signal: null };
        resolve(this.#exit);
      });
      this.child.on("exit", (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
    });
  }

  /** The exit status, or undefined while it runs. */
  get exit(): AppExit | undefined {
    return this.#exit;
  }

  /** Resolves with the exit status, or undefined when it is still running after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<AppExit | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(graceMs = 3000): Promise<AppExit> {
    if (this.#exit) return this.#exit;
    this.child.kill("SIGTERM");
    const exit = await this.waitForExit(graceMs);
    if (exit) return exit;
    this.child.kill("SIGKILL");
    return this.exited;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

export function startApp(argv: ReadonlyArray<string>, cwd: string, env: Env): AppProcess {
  return new AppProcess(argv, cwd, env);
}
