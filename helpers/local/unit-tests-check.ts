/** Local stage, app logic: the target's own unit tests (the contract's app.unitTests command) pass. */
import { ContractViolation, declared } from "../contract/errors.ts";
import type { LoadedContract } from "../contract/load.ts";
import { runContractCommand, showCommand } from "./contract-command.ts";
import { localApp } from "./local-app.ts";
import { targetEnv } from "./target-env.ts";

/** Names of failing tests in node:test / TAP-ish output ("✖ name" or "not ok N - name"). */
export function failingTests(output: string): string[] {
  const names = new Set<string>();
  for (const line of output.split("\n")) {
    const match = /^\s*(?:✖\s+(.+?)(?:\s+\(\d[\d.]*m?s\))?|not ok \d+ - (.+))\s*$/.exec(line);
    const name = match?.[1] ?? match?.[2];
    if (name && name !== "failing tests:") names.add(name);
  }
  return [...names];
}

export async function checkUnitTests(loaded: LoadedContract, timeoutMs = 120_000) {
  const { app, workdir, file } = localApp(loaded, "the app's own unit tests");
  const command = declared(app.unitTests, "app.unitTests", loaded.file, "the app's own unit tests");
  const env = targetEnv(loaded.contract);
  const result = await runContractCommand(command, "app.unitTests", { cwd: workdir, env, timeoutMs });
  if (result.exitCode !== 0) {
    const failing = failingTests(`${result.stdout}\n${result.stderr}`);
    const status = result.timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit code ${result.exitCode}`;
    throw new ContractViolation({
      stage: "local",
      item: "app-logic",
      file,
      field: `unit tests (contract app.unitTests: ${showCommand(command)})`,
      expected: "exit code 0",
      actual: `${status}${failing.length > 0 ? `; failing: ${failing.slice(0, 5).join("; ")}` : ""}`,
    });
  }
  const summary = /ℹ pass (\d+)/.exec(result.stdout)?.[1];
  return { durationMs: result.durationMs, passed: summary ? Number(summary) : undefined };
}
