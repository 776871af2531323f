/**
 * Times `npm test` (vitest run, this repo's config) end to end and prints the wall time, its ratio to the 60 s
 * target, the test time summed over workers, and the five slowest test files with their share of that sum.
 *
 *   npm run bench:test [-- --rounds N] [-- vitest args…]     (default 1 round; more rounds print the median)
 *
 * Each round is a fresh `vitest run` in a child process with its evidence in a temp folder, exactly as the README's
 * test command runs (Docker stage included when an engine is up).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "../helpers/paths.ts";
import { run } from "../helpers/process/run.ts";
import { VITEST_CLI } from "../helpers/testing/child-vitest.ts";

const TARGET_SECONDS = 60;

interface FileResult {
  name: string;
  startTime: number;
  endTime: number;
}

interface Round {
  wallSeconds: number;
  exitCode: number | null;
  files: FileResult[];
  tests: number;
}

async function round(args: string[]): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-bench-test-"));
  const started = performance.now();
  const result = await run([process.execPath, VITEST_CLI, "run", ...args], {
    cwd: repoRoot,
    env: { ...process.env, SMOKEBOOK_EVIDENCE_DIR: dir, NO_COLOR: "1" },
    timeoutMs: 1_800_000,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const report = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as {
    numTotalTests: number;
    testResults: FileResult[];
  };
  return { wallSeconds, exitCode: result.exitCode, files: report.testResults, tests: report.numTotalTests };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf("--rounds");
  const rounds = at >= 0 ? Number(argv[at + 1]) : 1;
  const vitestArgs = at >= 0 ? argv.filter((_, i) => i !== at && i !== at + 1) : argv;
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(`--rounds wants a whole number ≥ 1, got ${argv[at + 1]}`);
    return 2;
  }
  const results: Round[] = [];
  for (let i = 1; i <= rounds; i++) {
    const r = await round(vitestArgs);
    results.push(r);
    console.log(`round ${i}: ${r.wallSeconds.toFixed(1)} s wall, ${r.tests} tests, vitest exit ${r.exitCode}`);
  }
  const sorted = [...results].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as Round;
  const summed = median.files.reduce((sum, f) => sum + (f.endTime - f.startTime), 0);
  console.log(
    `npm test: ${median.wallSeconds.toFixed(1)} s wall (median of ${rounds}); target ${TARGET_SECONDS} s; ratio ${(median.wallSeconds / TARGET_SECONDS).toFixed(2)}×`,
  );
  console.log(
    `test time summed over workers: ${seconds(summed)} s (${(summed / 1000 / median.wallSeconds).toFixed(2)}× wall)`,
  );
  console.log("five slowest files:");
  for (const f of [...median.files].sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime)).slice(0, 5)) {
    const ms = f.endTime - f.startTime;
    console.log(
      `  ${seconds(ms).padStart(6)} s  ${((ms / summed) * 100).toFixed(0).padStart(3)} %  ${relative(repoRoot, f.name)}`,
    );
  }
  return median.exitCode === 0 ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
