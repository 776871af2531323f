/**
 * Long-running cluster processes: each started detached in its own process group, output appended to its log file,
 * so it outlives `npm run cluster:up`; stopped by its pid (SIGTERM to its group, SIGKILL after a grace period).
 * Not helpers/process (zx): a zx process belongs to the Node process that started it and its output to a pipe; a
 * daemon must be unref'd with its output in a file, so the next command (cluster:down) can stop it by pid.
 */
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { SmokebookError } from "../errors.ts";
import { alive, type StartedProcess } from "./cluster-state.ts";

export class DaemonStartError extends SmokebookError {
  readonly process: string;

  constructor(name: string, detail: string) {
    super("CLUSTER_PROCESS_FAILED", `${name} did not start: ${detail}`);
    this.process = name;
  }
}

export async function startDaemon(
  name: string,
  command: string,
  args: string[],
  log: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedProcess> {
  const out = openSync(log, "a");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", out, out], env });
  const pid = await new Promise<number>((resolve, reject) => {
    child.once("spawn", () => resolve(child.pid as number));
    child.once("error", (error) => reject(new DaemonStartError(name, error.message)));
  });
  child.unref();
  return { name, pid, log };
}

/** SIGTERM to the process group the daemon leads, then SIGKILL after `graceMs`; true when it is gone. */
export async function stopDaemon(pid: number, graceMs = 10_000): Promise<boolean> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  if (!alive(pid)) return true;
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(200);
  }
  signal("SIGKILL");
  await sleep(500);
  return !alive(pid);
}
