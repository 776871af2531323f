/**
 * What a test adds to the evidence: ids, poll lines, JSON lines a runbook asks to keep, report sections.
 * Everything travels as a vitest annotation (so the UI, junit and the evidence reporter all see it) whose type
 * starts with "smokebook:" and whose message is one redacted JSON object.
 */
import type { TestContext } from "vitest";
import type { PollLine } from "../poll.ts";
import { redactValue } from "../redact.ts";

export const ANNOTATION_PREFIX = "smokebook:";

export type EvidenceKind = "id" | "poll" | "record" | "section" | "verdict-detail" | "stdout-line";

type Annotator = Pick<TestContext, "annotate">;

export async function recordEvidence(ctx: Annotator, kind: EvidenceKind, data: Record<string, unknown>): Promise<void> {
  await ctx.annotate(JSON.stringify(redactValue(data)), `${ANNOTATION_PREFIX}${kind}`);
}

/** Key ids shown in report.md next to the verdict (run_id, task_run_id, pod, trace_id…). */
export function recordIds(ctx: Annotator, ids: Record<string, string | number | undefined>): Promise<void> {
  const defined = Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined));
  return recordEvidence(ctx, "id", defined);
}

export function recordPoll(ctx: Annotator, line: PollLine): Promise<void> {
  return recordEvidence(ctx, "poll", { ...line });
}

/** A JSON line a runbook asks to keep (e.g. the LangFuse smoke line, DEV-019 output JSON). */
export function recordJson(ctx: Annotator, name: string, value: unknown): Promise<void> {
  return recordEvidence(ctx, "record", { name, value });
}

/** A markdown block (usually a table) that report.md prints under the test's suite. */
export function recordSection(ctx: Annotator, title: string, markdown: string): Promise<void> {
  return recordEvidence(ctx, "section", { title, markdown });
}

/**
 * A JSON line a runbook wants on stdout exactly as it is (DEV-012: "`-s` preserves the emitted JSON line"). The main
 * process prints it raw (no worker prefix, no colour codes), once, and keeps it in the evidence like recordJson.
 */
export function recordStdoutLine(ctx: Annotator, name: string, value: Record<string, unknown>): Promise<void> {
  return recordEvidence(ctx, "stdout-line", { name, value });
}
