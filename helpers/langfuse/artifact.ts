/** The runbook's optional file evidence: one JSON line appended per run (never truncated), redacted like stdout. */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { redactValue } from "../redact.ts";

export function jsonLine(value: unknown): string {
  return JSON.stringify(redactValue(value));
}

/** Appends `value` as one JSON line to `file` when a file is configured; returns the line. */
export function appendArtifactLine(file: string | undefined, value: unknown): string {
  const line = jsonLine(value);
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${line}\n`);
  }
  return line;
}
