/**
 * Local stage, first check: the programs the contract's commands start (app.start, app.printConfig, app.unitTests)
 * are installed on this machine. A missing one is an environment problem, not the app's: this one check is skipped
 * with a note naming the program and how to provide it (a failure under SMOKEBOOK_STRICT=1), and the Local checks
 * that need it are skipped as "not checked: <that note>" (toolchainBlock), never failed.
 */
import { declared, EnvironmentProblemError, StageBlockedError } from "../contract/errors.ts";
import type { LoadedContract } from "../contract/load.ts";
import { programOf, toolchainProblem } from "./contract-command.ts";
import { localApp } from "./local-app.ts";
import { targetEnv } from "./target-env.ts";

const FIELDS = ["start", "printConfig", "unitTests"] as const;

/** What each declared command's program resolves to; throws EnvironmentProblemError for the first missing one. */
export function checkToolchain(loaded: LoadedContract): Record<string, string> {
  const { app, workdir } = localApp(loaded);
  const env = targetEnv(loaded.contract, {});
  const found: Record<string, string> = {};
  const problems: string[] = [];
  for (const field of FIELDS) {
    const command = app[field];
    if (command === undefined) continue;
    const problem = toolchainProblem(command, `app.${field}`, env, workdir);
    if (problem) problems.push(problem);
    else found[`app.${field}`] = programOf(command) ?? "";
  }
  if (problems.length > 0) throw new EnvironmentProblemError(problems.join("; "));
  return found;
}

/** For the checks after the toolchain check: "not checked: …" when it found a missing program. */
export function toolchainBlock(loaded: LoadedContract): void {
  if (!loaded.contract.app) {
    declared(loaded.contract.app, "app", loaded.file, "the app as a local process");
  }
  try {
    checkToolchain(loaded);
  } catch (error) {
    if (error instanceof EnvironmentProblemError) throw new StageBlockedError(`not checked: ${error.message}`);
    throw error;
  }
}
