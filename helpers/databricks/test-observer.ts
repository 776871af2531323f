/** A RunObserver that keeps everything in memory, for self-tests that replay a smoke outside vitest's evidence. */
import type { PollLine } from "../poll.ts";
import type { CancelRecord, RunObserver } from "./submitted-run.ts";

export interface CollectingObserver extends RunObserver {
  readonly lines: string[];
  readonly polls: PollLine[];
  readonly cancels: CancelRecord[];
}

export function collectingObserver(): CollectingObserver {
  const lines: string[] = [];
  const polls: PollLine[] = [];
  const cancels: CancelRecord[] = [];
  return {
    lines,
    polls,
    cancels,
    log: (line) => lines.push(line),
    poll: (line) => {
      polls.push(line);
    },
    cancelled: (record) => {
      cancels.push(record);
    },
  };
}
