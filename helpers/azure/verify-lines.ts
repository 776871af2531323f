/**
 * The output of seed 001's `verify_ai_agent_infra_dev.sh` as smokebook produces it: one `PASS:` or `FAIL:` line per
 * required resource, in check order; the run "exits non-zero" (the summary criterion fails) when any line is FAIL.
 */
export interface VerifyLine {
  ok: boolean;
  /** Which DoD row the line belongs to (a key of dod-mapping.ts). */
  row: string;
  text: string;
}

export class VerifyLog {
  readonly #lines: VerifyLine[] = [];

  pass(row: string, text: string): void {
    this.#lines.push({ ok: true, row, text });
  }

  fail(row: string, text: string): void {
    this.#lines.push({ ok: false, row, text });
  }

  get lines(): ReadonlyArray<VerifyLine> {
    return this.#lines;
  }

  /** The FAIL texts of one row, e.g. to throw them as the criterion's failure. */
  failures(row: string): string[] {
    return this.#lines.filter((l) => l.row === row && !l.ok).map((l) => l.text);
  }

  /** "PASS: …" / "FAIL: …", one per line, as the script printed them. */
  text(): string {
    return this.#lines.map((l) => `${l.ok ? "PASS" : "FAIL"}: ${l.text}`).join("\n");
  }
}
