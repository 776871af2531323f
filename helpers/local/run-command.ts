/** Runs a contract command (an argv list) in the target folder with a deadline, capturing its output. */
import { spawn } from "node:child_process";
import type { Contract } from "../contract/schema.ts";
import { registerContractSecrets } from "../contract/secrets.ts";
import type { Env } from "../gates.ts";

export interface CommandResult {
  argv: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/** "node" in a contract command means the Node that runs smokebook (Node 24), not whatever is first on PATH. */
export function resolveArgv(argv: ReadonlyArray<string>): string[] {
  const [first, ...rest] = argv;
  return [first === "node" ? process.execPath : (first ?? ""), ...rest];
}

export function runCommand(
  argv: ReadonlyArray<string>,
  options: { cwd: string; env: Env; timeoutMs: number },
): Promise<CommandResult> {
  const resolved = resolveArgv(argv);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(resolved[0] as string, resolved.slice(1), {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ argv: resolved, exitCode, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
    });
  });
}

/**
 * What a target process inherits from the harness's environment: enough to run, nothing that carries the harness's
 * credentials or configuration (DATABRICKS_TOKEN, KUBECONFIG, RUN_* gates, NODE_OPTIONS, the developer's own
 * contract variables).
 */
export const INHERITED_VARIABLES: ReadonlyArray<string> = ["PATH", "HOME", "TMPDIR"];

/**
 * The environment a target process gets: PATH, HOME and TMPDIR from `base`, plus the contract variables the check
 * sets (`extra`). The values of the contract's secret variables among them are registered for redaction.
 */
export function targetEnv(contract: Contract, extra: Env = {}, base: Env = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = base[name];
    if (value !== undefined && value !== "") env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  registerContractSecrets(contract, env);
  return env;
}
