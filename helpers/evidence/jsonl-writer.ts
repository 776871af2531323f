/**
 * Appends evidence lines. Each line is redacted, serialised and written with one append call, so a run that is
 * killed leaves a file in which every line parses.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { redactValue } from "../redact.ts";

export type EvidenceLine = { type: string } & Record<string, unknown>;

export class JsonlWriter {
  readonly path: string;
  readonly lines: EvidenceLine[] = [];

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
  }

  append(line: EvidenceLine): void {
    const safe = redactValue(line);
    this.lines.push(safe);
    appendFileSync(this.path, `${JSON.stringify(safe)}\n`);
  }
}
