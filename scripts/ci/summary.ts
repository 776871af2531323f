/**
 * Prints the plain CI summary line `N passed, N failed, N skipped` from vitest's JSON report, counting a test file
 * that failed to load and every extra CI check (typecheck, lint) given as name=exitcode.
 *
 *   node scripts/ci/summary.ts evidence/ci/results.json typecheck=0 lint=1
 */
import { readFileSync } from "node:fs";

export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{ status: string; assertionResults: unknown[]; message?: string; name: string }>;
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

export function formatSummary(s: Summary): string {
  return `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
}

function main(argv: string[]): void {
  const [reportPath, ...rest] = argv;
  let report: VitestJsonReport | undefined;
  try {
    report = JSON.parse(readFileSync(reportPath ?? "", "utf8")) as VitestJsonReport;
  } catch (error) {
    console.error(`summary: cannot read vitest JSON report ${reportPath}: ${(error as Error).message}`);
  }
  const checks = Object.fromEntries(
    rest.map((arg) => {
      const [name, code] = arg.split("=");
      return [name ?? arg, Number(code)];
    }),
  );
  const summary = summarise(report, checks);
  console.log(formatSummary(summary));
  process.exitCode = summary.failed > 0 ? 1 : 0;
}

if (import.meta.main) main(process.argv.slice(2));
