/**
 * Local stage, env loading: the app resolves every contract variable with the precedence of seed 004 B.2 —
 * the environment over the contract default, a directory variable over the runtime root — observed through the
 * contract's printConfig command (the app prints what it resolved).
 */
import { ContractViolation } from "../contract/errors.ts";
import { type LoadedContract, targetFile } from "../contract/load.ts";
import { expectedVariables } from "../contract/resolve.ts";
import { itemOfVariable } from "../contract/variables.ts";
import type { Env } from "../gates.ts";
import { runCommand, targetEnv } from "./run-command.ts";

export interface PrecedenceCase {
  name: string;
  env: Env;
}

/** The cases: nothing set (contract defaults), the root moved, and one directory moved on top of that. */
export function precedenceCases(loaded: LoadedContract): PrecedenceCase[] {
  const { contract } = loaded;
  const [firstDir] = Object.values(contract.paths.directories);
  const moved: Record<string, string> = { [contract.paths.root.env]: "/srv/smokebook-root" };
  const both = { ...moved, ...(firstDir ? { [firstDir.env]: "/mnt/smokebook-volume" } : {}) };
  return [
    { name: "no contract variable set (contract defaults)", env: {} },
    { name: `${contract.paths.root.env} set`, env: moved },
    { name: `${contract.paths.root.env} and ${firstDir?.env ?? "no directory"} set`, env: both },
  ];
}

export async function checkEnvPrecedence(loaded: LoadedContract, timeoutMs = 30_000) {
  const { contract, targetDir } = loaded;
  const command = contract.app.printConfig;
  const file = targetFile(loaded, contract.app.source);
  for (const testCase of precedenceCases(loaded)) {
    const env = targetEnv(contract, testCase.env);
    const result = await runCommand(command, { cwd: targetDir, env, timeoutMs });
    let printed: Record<string, unknown>;
    try {
      printed = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
    } catch {
      throw new ContractViolation({
        stage: "local",
        item: "env",
        file,
        field: `contract app.printConfig (${command.join(" ")})`,
        expected: "one JSON object of the effective contract variables on stdout",
        actual: `exit ${result.exitCode}, stdout ${JSON.stringify(result.stdout.slice(0, 200))}, stderr ${JSON.stringify(result.stderr.slice(0, 200))}`,
      });
    }
    const expected = expectedVariables(contract, testCase.env);
    for (const [name, want] of Object.entries(expected)) {
      const got = printed[name];
      if (String(got) === want) continue;
      throw new ContractViolation({
        stage: "local",
        item: itemOfVariable(contract, name),
        file,
        field: `${name} resolution with ${testCase.name}`,
        expected: `${want} (environment over contract default, seed 004 B.2)`,
        actual: got === undefined ? "the app does not report it" : `the app resolves ${String(got)}`,
      });
    }
  }
  return { cases: precedenceCases(loaded).map((c) => c.name) };
}
