/**
 * The `evidence` fixture: what a check adds to the bundle, bound to the running check (record.ts annotations).
 *   await evidence.ids({ run_id: 42 });  await evidence.json("health", body);
 *   await evidence.table("Pods", [{ pod: "a", ready: "1/1" }]);  evidence.poll(line) (waits call it themselves)
 */
import type { TestContext } from "vitest";
import type { PollLine } from "../poll.ts";
import { markdownTable } from "./markdown-table.ts";
import { recordIds, recordJson, recordPoll, recordSection, recordStdoutLine } from "./record.ts";

type Annotator = Pick<TestContext, "annotate">;

export interface EvidenceRecorder {
  /** Key ids shown next to the verdict in report.md. */
  ids(ids: Record<string, string | number | undefined>): Promise<void>;
  /** A JSON line the runbook asks to keep. */
  json(name: string, value: unknown): Promise<void>;
  /** A JSON line printed raw on stdout once, and kept like `json`. */
  stdoutLine(name: string, value: Record<string, unknown>): Promise<void>;
  /** One poll of a wait (UTC, attempt, elapsed, observed state, condition). */
  poll(line: PollLine): Promise<void>;
  /** A markdown section under the check's suite in report.md. */
  section(title: string, markdown: string): Promise<void>;
  /** A table of rows (one object per row) as a section. */
  table(title: string, rows: ReadonlyArray<Record<string, unknown>>, columns?: ReadonlyArray<string>): Promise<void>;
}

export function evidenceRecorder(ctx: Annotator): EvidenceRecorder {
  return {
    ids: (ids) => recordIds(ctx, ids),
    json: (name, value) => recordJson(ctx, name, value),
    stdoutLine: (name, value) => recordStdoutLine(ctx, name, value),
    poll: (line) => recordPoll(ctx, line),
    section: (title, markdown) => recordSection(ctx, title, markdown),
    table: (title, rows, columns) => recordSection(ctx, title, markdownTable(rows, columns)),
  };
}
