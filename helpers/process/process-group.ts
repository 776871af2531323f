/**
 * A long-running process (an app under test) in its own process group, stopped as a whole: `stop()` sends SIGTERM to
 * the group, waits up to a grace period for every member to exit, then sends SIGKILL to whatever is left. So an app
 * started through a wrapper (`npm start`, `go run`, `sh start.sh`, a shell that does not exec) leaves nothing running.
 *
 *   await using app = startGroup(["sh", "-c", "node server.mjs"], { cwd, env });
 *   … app.stdout, app.exit, await app.waitForExit(1000) …
 *   // disposal: stop({ graceMs: 3000 }), also when the test failed
 *
 * Built on zx (spawnArgv in run.ts); the group members are read from /proc (group-members.ts).
 */
import { groupMembers, signalGroup } from "./group-members.ts";
import { type RunOptions, spawnArgv } from "./run.ts";

export interface GroupExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StopResult extends GroupExit {
  /** SIGKILL was needed: something in the group outlived SIGTERM and the grace period. */
  killed: boolean;
  /** Members still alive after SIGKILL and a second wait (should never happen; a test asserts it). */
  leftover: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class GroupProcess implements AsyncDisposable {
  readonly argv: string[];
  /** The leader's pid, which is also the process group id. */
  readonly pid: number | undefined;
  readonly exited: Promise<GroupExit>;
  stdout = "";
  stderr = "";
  #exit: GroupExit | undefined;
  #stopped: Promise<StopResult> | undefined;

  constructor(argv: ReadonlyArray<string>, options: Omit<RunOptions, "timeoutMs" | "input"> = {}) {
    this.argv = [...argv];
    const child = spawnArgv(argv, options, "ignore");
    this.pid = child.pid;
    child.stdout.on("data", (chunk: Buffer) => (this.stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.exited = child.then((output) => {
      if (output.cause) this.stderr += `spawn failed: ${output.cause.message}\n`;
      this.#exit = { code: output.exitCode, signal: output.signal };
      return this.#exit;
    });
  }

  /** The leader's exit status, or undefined while it runs. */
  get exit(): GroupExit | undefined {
    return this.#exit;
  }

  /** Live members of the group (the leader and anything it started that kept the group). */
  members(): number[] {
    return this.pid === undefined ? [] : groupMembers(this.pid).map((m) => m.pid);
  }

  /** The leader's exit status, or undefined when it still runs after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<GroupExit | undefined> {
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

  async #waitGroupGone(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.members().length > 0) {
      if (Date.now() >= deadline) return false;
      await sleep(25);
    }
    return true;
  }

  /** SIGTERM to the group, SIGKILL after `graceMs` to whatever is left; idempotent. */
  stop(options: { graceMs?: number } = {}): Promise<StopResult> {
    this.#stopped ??= this.#stop(options.graceMs ?? 3000);
    return this.#stopped;
  }

  async #stop(graceMs: number): Promise<StopResult> {
    const pgid = this.pid;
    if (pgid === undefined) return { ...(await this.exited), killed: false, leftover: [] };
    let killed = false;
    if (this.members().length > 0) {
      signalGroup(pgid, "SIGTERM");
      if (!(await this.#waitGroupGone(graceMs))) {
        killed = true;
        signalGroup(pgid, "SIGKILL");
        await this.#waitGroupGone(2000);
      }
    }
    const exit = await this.exited;
    return { ...exit, killed, leftover: this.members() };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

export function startGroup(argv: ReadonlyArray<string>, options: Omit<RunOptions, "timeoutMs" | "input"> = {}) {
  return new GroupProcess(argv, options);
}
