/**
 * The classification criterion: missing scope/secret, 400/403/404 → Permanent; 429/5xx/timeout → Transient.
 * A row without a classification (the resolver returned a value, could not run, or never asked the server that
 * holds the failure) fails the criterion too.
 */
import { CRITERIA } from "./criteria.ts";
import { SecretCriterionError } from "./errors.ts";

export interface ClassificationRow {
  case: string;
  expected: "Permanent" | "Transient";
  /** undefined when the resolver returned a value or produced no result at all. */
  actual: "Permanent" | "Transient" | undefined;
  detail: string;
}

export function classificationTable(rows: ReadonlyArray<ClassificationRow>): string {
  const lines = ["| failure | expected | classified | verdict | detail |", "| --- | --- | --- | --- | --- |"];
  for (const r of rows) {
    const verdict = r.actual === r.expected ? "PASS" : "FAIL";
    lines.push(
      `| ${r.case} | ${r.expected} | ${r.actual ?? "-"} | ${verdict} | ${r.detail.replace(/\|/g, "\\|").replace(/\s+/g, " ").slice(0, 140)} |`,
    );
  }
  return lines.join("\n");
}

export function checkClassification(rows: ReadonlyArray<ClassificationRow>): void {
  const wrong = rows.filter((r) => r.actual !== r.expected);
  if (wrong.length === 0) return;
  const described = wrong.map((r) =>
    r.actual
      ? `${r.case} → ${r.actual} (expected ${r.expected})`
      : `${r.case} → no classification (expected ${r.expected}): ${r.detail}`,
  );
  throw new SecretCriterionError(
    CRITERIA.classification,
    `${wrong.length} of ${rows.length} failure(s) misclassified: ${described.join("; ")}`,
  );
}
