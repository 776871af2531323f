/**
 * Local stage, env loading: the app resolves every contract variable with the precedence of seed 004 B.2 —
 * the environment over the contract default, a directory variable over the runtime root — observed through the
 * contract's printConfig command (the app prints what it resolved).
 */
import { ContractViolation, declared } from "../contract/errors.ts";
import type { LoadedContract } from "../contract/load.ts";
import { expectedVariables, overridableVariable } from "../contract/resolve.ts";
import { itemOfVariable } from "../contract/variables.ts";
import type { Env } from "../gates.ts";
import { runContractCommand, showCommand } from "./contract-command.ts";
import { localApp } from "./local-app.ts";
import { targetEnv } from "./target-env.ts";

export interface PrecedenceCase {
  name: string;
  env: Env;
}

/** Nothing set (contract defaults); the root moved; one directory moved on top; a variable set to another value. */
export function precedenceCases(loaded: LoadedContract): PrecedenceCase[] {
  const { contract } = loaded;
  const cases: PrecedenceCase[] = [{ name: "no contract variable set (contract defaults)", env: {} }];
  if (contract.paths) {
    const [firstDir] = Object.values(contract.paths.directories ?? {});
    const moved: Record<string, string> = { [contract.paths.root.env]: "/srv/smokebook-root" };
    cases.push({ name: `${contract.paths.root.env} set`, env: moved });
    if (firstDir) {
      cases.push({
        name: `${contract.paths.root.env} and ${firstDir.env} set`,
        env: { ...moved, [firstDir.env]: "/mnt/smokebook-volume" },
      });
    }
  }
  const override = overridableVariable(contract);
  if (override) cases.push({ name: `${override.name} set`, env: { [override.name]: override.value } });
  return cases;
}

export async function checkEnvPrecedence(loaded: LoadedContract, timeoutMs = 30_000) {
  const { contract } = loaded;
  const { app, workdir, file } = localApp(loaded, "how the app loads its environment");
  const command = declared(app.printConfig, "app.printConfig", loaded.file, "how the app loads its environment");
  for (const testCase of precedenceCases(loaded)) {
    const env = targetEnv(contract, testCase.env);
    const result = await runContractCommand(command, "app.printConfig", { cwd: workdir, env, timeoutMs });
    let printed: Record<string, unknown>;
    try {
      printed = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
    } catch {
      throw new ContractViolation({
        stage: "local",
        item: "env",
        file,
        field: `contract app.printConfig (${showCommand(command)})`,
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
