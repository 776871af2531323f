/**
 * The contract under test as the stage suites read it: an invalid contract fails the first stage that reads it with
 * every problem listed, and the later stages of the same run (local → docker → k8s run in order, vitest groupOrder)
 * with a one-line pointer to that first report, so the console and report.md list the problems once. The run is
 * identified by its evidence folder (SMOKEBOOK_EVIDENCE_DIR, which the vitest config exports to every worker).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "../gates.ts";
import { ContractFileError } from "./errors.ts";
import { type LoadedContract, loadTargetContract } from "./load.ts";

const MARKER = "contract-errors-reported.txt";

export function loadStageContract(stage: string, env: Env = process.env): LoadedContract {
  try {
    return loadTargetContract(env);
  } catch (error) {
    if (!(error instanceof ContractFileError)) throw error;
    const dir = env.SMOKEBOOK_EVIDENCE_DIR?.trim();
    if (!dir || !existsSync(dir)) throw error;
    const marker = join(dir, MARKER);
    const first = existsSync(marker) ? readFileSync(marker, "utf8").trim() : undefined;
    if (first !== undefined && first !== stage) {
      throw new ContractFileError(error.file, error.issues, undefined, `the ${first} stage of this run`);
    }
    writeFileSync(marker, stage);
    throw error;
  }
}
