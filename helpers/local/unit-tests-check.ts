/** Local stage, app logic: the target's own unit tests (the contract's app.unitTests command) pass. */
import { ContractViolation } from "../contract/errors.ts";
import { type LoadedContract, targetFile } from "../contract/load.ts";
import { runCommand, targetEnv } from "./run-command.ts";

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
  const { contract, targetDir } = loaded;
  const env = targetEnv(contract);
  const result = await runCommand(contract.app.unitTests, { cwd: targetDir, env, timeoutMs });
  if (result.exitCode !== 0) {
    const failing = failingTests(`${result.stdout}\n${result.stderr}`);
    const status = result.timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit code ${result.exitCode}`;
    throw new ContractViolation({
      stage: "local",
      item: "app-logic",
      file: targetFile(loaded, contract.app.source),
      field: `unit tests (contract app.unitTests: ${contract.app.unitTests.join(" ")})`,
      expected: "exit code 0",
      actual: `${status}${failing.length > 0 ? `; failing: ${failing.slice(0, 5).join("; ")}` : ""}`,
    });
  }
  const summary = /ℹ pass (\d+)/.exec(result.stdout)?.[1];
  return { durationMs: result.durationMs, passed: summary ? Number(summary) : undefined };
}
