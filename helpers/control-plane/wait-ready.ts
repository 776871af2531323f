/**
 * Waits of `cluster:up`, each a deadline with a poll line per attempt (helpers/poll.ts). A probe reports a state
 * and never throws for "not yet"; when the process being waited for has exited, the wait stops at once with the
 * tail of its log instead of running to its deadline.
 */
import { readFileSync } from "node:fs";
import { SmokebookError } from "../errors.ts";
import { type PollLine, pollUntil } from "../poll.ts";
import { alive, type StartedProcess } from "./cluster-state.ts";

export class ClusterProcessExitedError extends SmokebookError {
  readonly process: string;

  constructor(started: StartedProcess, waitingFor: string) {
    let tail = "";
    try {
      tail = readFileSync(started.log, "utf8").trim().split("\n").slice(-12).join("\n");
    } catch {
      tail = "(no log)";
    }
    super(
      "CLUSTER_PROCESS_EXITED",
      `${started.name} (pid ${started.pid}) exited while waiting until ${waitingFor}; last lines of ${started.log}:\n${tail}`,
    );
    this.process = started.name;
  }
}

export interface ReadyProbe {
  ready: boolean;
  state: string;
}

export async function waitReady(
  condition: string,
  probe: () => Promise<ReadyProbe>,
  options: { timeoutMs: number; intervalMs?: number; watch?: StartedProcess; log: (line: string) => void },
): Promise<void> {
  const watched = options.watch;
  await pollUntil<ReadyProbe>({
    condition,
    probe: async () => {
      if (watched && !alive(watched.pid)) throw new ClusterProcessExitedError(watched, condition);
      try {
        return await probe();
      } catch (error) {
        return { ready: false, state: error instanceof Error ? error.message : String(error) };
      }
    },
    done: (v) => v.ready,
    describe: (v) => v.state,
    intervalMs: options.intervalMs ?? 500,
    timeoutMs: options.timeoutMs,
    onPoll: (line: PollLine) => {
      // Every poll is kept by pollUntil; print one line every ~10 attempts so long waits show progress.
      if (line.attempt === 1 || line.attempt % 10 === 0)
        options.log(`  waiting until ${condition}: ${line.state} (${line.elapsedSeconds} s)`);
    },
  });
}
