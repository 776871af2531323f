/**
 * Prints the plain CI summary line `N passed, N failed, N skipped` from vitest's JSON report, counting a test file
 * that failed to load and every extra CI check (typecheck, lint) given as name=exitcode. Further reports may follow
 * as `<path>#<tag>`: only their tests carrying that tag count (the live K8s run filtered with `--tagsFilter live`
 * lists the replay tests it left out as skipped; those ran, and were counted, in `npm test`).
 *
 *   node scripts/ci/summary.ts evidence/ci/results.json evidence/ci-k8s-live/results.json#live typecheck=0 lint=1
 */
import { readFileSync } from "node:fs";

export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{
    status: string;
    assertionResults: Array<{ status?: string; tags?: string[] }>;
    message?: string;
    name: string;
  }>;
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

export function summarise(report: VitestJsonReport | undefined, checks: Record<string, number>): Summary {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0 };
  if (report) {
    summary.passed += report.numPassedTests;
    summary.failed += report.numFailedTests;
    summary.skipped += report.numPendingTests + report.numTodoTests;
    // A file that fails before any test runs (import error, bad gate value) reports no tests: count it once.
    summary.failed += report.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  } else {
    summary.failed += 1; // no report at all: the test run itself broke
  }
  for (const code of Object.values(checks)) {
    if (code === 0) summary.passed++;
    else summary.failed++;
  }
  return summary;
}

/** The tests of `report` that carry `tag`, and its files that failed before any test ran. */
export function summariseTagged(report: VitestJsonReport | undefined, tag: string): Summary {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0 };
  if (!report) return { ...summary, failed: 1 };
  for (const file of report.testResults) {
    if (file.status === "failed" && file.assertionResults.length === 0) summary.failed++;
    for (const test of file.assertionResults) {
      if (!(test.tags ?? []).includes(tag)) continue;
      if (test.status === "passed") summary.passed++;
      else if (test.status === "failed") summary.failed++;
      else summary.skipped++;
    }
  }
  return summary;
}

export function addSummaries(...parts: Summary[]): Summary {
  return parts.reduce((a, b) => ({
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
  }));
}

export function formatSummary(s: Summary): string {
  return `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
}

function readReport(path: string): VitestJsonReport | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as VitestJsonReport;
  } catch (error) {
    console.error(`summary: cannot read vitest JSON report ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

function main(argv: string[]): void {
  const [reportPath, ...rest] = argv;
  const tagged = rest.filter((arg) => arg.includes("#"));
  const checks = Object.fromEntries(
    rest
      .filter((arg) => !arg.includes("#"))
      .map((arg) => {
        const [name, code] = arg.split("=");
        return [name ?? arg, Number(code)];
      }),
  );
  const summary = addSummaries(
    summarise(readReport(reportPath ?? ""), checks),
    ...tagged.map((arg) => {
      const at = arg.lastIndexOf("#");
      return summariseTagged(readReport(arg.slice(0, at)), arg.slice(at + 1));
    }),
  );
  console.log(formatSummary(summary));
  process.exitCode = summary.failed > 0 ? 1 : 0;
}

if (import.meta.main) main(process.argv.slice(2));
