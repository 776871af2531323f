/**
 * A vitest run in a child process, as an operator starts one (`npx vitest run …`): this repo's vitest.config.ts,
 * its evidence bundle written to a fresh temp dir (SMOKEBOOK_EVIDENCE_DIR). Asynchronous, so a fake the parent
 * serves on loopback keeps answering while the child runs.
 * The child gets the parent's environment without the variables vitest sets in its own process and workers
 * (VITEST, VITEST_MODE, VITEST_POOL_ID, VITEST_WORKER_ID, TEST, NODE_ENV): it is a top-level run, not a worker.
 * It spawns node directly (not through helpers/process, whose zx `$` goes through a shell): the self-tests pass exact
 * argv and environments, and a test that fails must be able to see the child's output as it streamed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { SmokebookError } from "../errors.ts";
import type { EvidenceLine } from "../evidence/jsonl-writer.ts";
import type { Env } from "../gates.ts";
import { fromRoot, repoRoot } from "../paths.ts";

/** The vitest CLI entry, for `process.execPath VITEST_CLI …` (no npx in between). */
export const VITEST_CLI = fromRoot("node_modules/vitest/vitest.mjs");

const VITEST_OWN = /^(VITEST|TEST$|NODE_ENV$)/;

export interface ChildEnvOptions {
  /** The environment the child starts from (default: process.env). */
  base?: Env;
  /** Name prefixes of base variables not to pass on (the parent's gates and credentials: "RUN_", "DATABRICKS_"). */
  withhold?: readonly string[];
  /** Set for the child, over everything else. */
  env?: Record<string, string>;
}

/** The child's environment: base minus vitest's own and withheld variables, node_modules/.bin on PATH, NO_COLOR=1. */
export function childVitestEnv(options: ChildEnvOptions = {}): NodeJS.ProcessEnv {
  const { base = process.env, withhold = [], env = {} } = options;
  const child: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (VITEST_OWN.test(name) || withhold.some((prefix) => name.startsWith(prefix))) continue;
    child[name] = value;
  }
  child.PATH = [fromRoot("node_modules/.bin"), base.PATH ?? ""].join(delimiter);
  child.NO_COLOR = "1";
  return { ...child, ...env };
}

export interface VitestRunOptions extends ChildEnvOptions {
  /** The child is stopped (SIGTERM) after this long; default 120 s. */
  timeoutMs?: number;
}

export interface VitestRun {
  /** Exit code; null when a signal ended it (see timedOut). */
  status: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** stdout, then stderr. */
  output: string;
  /** The evidence dir the child wrote to. */
  dir: string;
  /** The lines of evidence.jsonl (of one type when given); none when the child wrote none. */
  evidenceLines(type?: string): EvidenceLine[];
  /** A file of the evidence bundle; throws CHILD_EVIDENCE_MISSING naming it when the child did not write it. */
  readEvidenceFile(name: string): string;
  /** Every file of the evidence bundle, name → text. */
  evidenceFiles(): Record<string, string>;
}

function finishedRun(dir: string, status: number | null, timedOut: boolean, stdout: string, stderr: string): VitestRun {
  const readEvidenceFile = (name: string) => {
    const path = join(dir, name);
    if (!existsSync(path)) {
      throw new SmokebookError(
        "CHILD_EVIDENCE_MISSING",
        `the child vitest run (exit ${status}) wrote no ${name} in ${dir}`,
      );
    }
    return readFileSync(path, "utf8");
  };
  return {
    status,
    timedOut,
    stdout,
    stderr,
    output: `${stdout}\n${stderr}`,
    dir,
    evidenceLines: (type) => {
      if (!existsSync(join(dir, "evidence.jsonl"))) return [];
      const lines = readEvidenceFile("evidence.jsonl")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as EvidenceLine);
      return type === undefined ? lines : lines.filter((line) => line.type === type);
    },
    readEvidenceFile,
    evidenceFiles: () =>
      Object.fromEntries(
        readdirSync(dir)
          .filter((name) => statSync(join(dir, name)).isFile())
          .map((name) => [name, readEvidenceFile(name)]),
      ),
  };
}

/** Runs `vitest <args>` in the repo root, e.g. runVitest(["run", "--project", "databricks", file], { env }). */
export function runVitest(args: readonly string[], options: VitestRunOptions = {}): Promise<VitestRun> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dir = mkdtempSync(join(tmpdir(), "smokebook-child-vitest-"));
  const env = childVitestEnv({ ...options, env: { ...options.env, SMOKEBOOK_EVIDENCE_DIR: dir } });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST_CLI, ...args], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      const note = timedOut ? `\n[smokebook: child vitest stopped after ${timeoutMs} ms]` : "";
      resolve(finishedRun(dir, status, timedOut, stdout, `${stderr}${note}`));
    });
  });
}
