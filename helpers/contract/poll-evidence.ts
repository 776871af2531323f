/**
 * Every wait of a stage check into the evidence: the check gets an `onPoll` that collects the poll lines (UTC,
 * observed state, elapsed), and they are recorded (recordPoll) when the check ends — also when it fails, since a
 * failed wait's trail is what a reader needs most.
 */
import type { TestContext } from "vitest";
import { recordPoll } from "../evidence/record.ts";
import type { PollLine } from "../poll.ts";

export type OnPoll = (line: PollLine) => void;

export async function withPollEvidence<T>(
  ctx: Pick<TestContext, "annotate">,
  run: (onPoll: OnPoll) => Promise<T>,
): Promise<T> {
  const lines: PollLine[] = [];
  try {
    return await run((line) => lines.push(line));
  } finally {
    for (const line of lines) await recordPoll(ctx, line);
  }
}
