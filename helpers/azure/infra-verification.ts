/**
 * One run of the infra verification (seed 001 Phase 2): every criterion runs through `run(row, check)`, which keeps
 * its verdict and makes sure a failure leaves a FAIL: line naming the cause; at the end `report()` renders the DoD
 * mapping table and the PASS:/FAIL: lines for report.md, and `assertAllPassed()` is the script's non-zero exit.
 */
import { DOD_ROWS, INFRA_CRITERIA, type InfraRow } from "./dod-mapping.ts";
import { AzureCheckError } from "./errors.ts";
import { VerifyLog } from "./verify-lines.ts";

export type RowVerdict = "PASS" | "FAIL" | "not run";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

export class InfraVerification {
  readonly log = new VerifyLog();
  readonly #verdicts = new Map<InfraRow, "PASS" | "FAIL">();

  /** Runs one criterion; a failure without its own FAIL: line gets one (the error's first line). */
  async run<T>(row: InfraRow, check: (log: VerifyLog) => Promise<T> | T): Promise<T> {
    try {
      const value = await check(this.log);
      const failures = this.log.failures(row);
      if (failures.length > 0) throw new AzureCheckError("AZURE_RESOURCE_NOT_READY", INFRA_CRITERIA[row], failures);
      this.#verdicts.set(row, "PASS");
      return value;
    } catch (error) {
      this.#verdicts.set(row, "FAIL");
      if (this.log.failures(row).length === 0) this.log.fail(row, firstLine(error));
      throw error;
    }
  }

  verdict(row: InfraRow): RowVerdict {
    return this.#verdicts.get(row) ?? "not run";
  }

  /** A DoD row's verdict: PASS only when every criterion deciding it passed. */
  rowVerdict(rows: ReadonlyArray<InfraRow>): RowVerdict {
    const verdicts = rows.map((r) => this.verdict(r));
    if (verdicts.includes("FAIL")) return "FAIL";
    if (verdicts.includes("not run")) return "not run";
    return "PASS";
  }

  dodTable(): string {
    const out = ["| Plan DoD item | evidence source | verdict |", "| --- | --- | --- |"];
    for (const row of DOD_ROWS) {
      const verdict = "manual" in row.judged ? row.judged.manual : this.rowVerdict(row.judged);
      out.push(`| ${cell(row.item)} | ${cell(row.source)} | ${cell(verdict)} |`);
    }
    return out.join("\n");
  }

  linesBlock(): string {
    return ["```", this.log.text() || "(no checks ran)", "```"].join("\n");
  }

  /** The script's exit: fails naming every FAIL: line and every required check that did not run. */
  assertAllPassed(): void {
    const problems = [
      ...this.log.lines.filter((l) => !l.ok).map((l) => `FAIL: ${l.text}`),
      ...(Object.keys(INFRA_CRITERIA) as InfraRow[])
        .filter((row) => this.verdict(row) === "not run")
        .map((row) => `not run: ${INFRA_CRITERIA[row]}`),
    ];
    if (problems.length > 0) {
      throw new AzureCheckError(
        "AZURE_REQUIRED_CHECKS_FAILED",
        `verify_ai_agent_infra_dev: ${problems.length} required check(s) did not pass (exit 1)`,
        problems,
      );
    }
  }
}
