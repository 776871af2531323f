/**
 * A contract command (app.start, app.printConfig, app.unitTests) as argv, and whether this machine can run it.
 * An argv list runs as it is ("node" is the Node that runs smokebook, not whatever is first on PATH); a string runs
 * through /bin/sh -c (a wrapper that does not exec: the process group makes sure it is stopped as a whole). A program
 * that is not installed is an environment problem (EnvironmentProblemError), never a verdict on the app.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { EnvironmentProblemError } from "../contract/errors.ts";
import type { Env } from "../gates.ts";
import { type ProcessResult, run } from "../process/run.ts";

export type ContractCommand = string | ReadonlyArray<string>;

export function commandArgv(command: ContractCommand): string[] {
  if (typeof command === "string") return ["/bin/sh", "-c", command];
  const [first, ...rest] = command;
  return [first === "node" ? process.execPath : (first ?? ""), ...rest];
}

export function showCommand(command: ContractCommand): string {
  return typeof command === "string" ? command : command.join(" ");
}

/** The program a command starts: argv[0], or the first word of a shell string (after VAR=value assignments). */
export function programOf(command: ContractCommand): string | undefined {
  if (typeof command !== "string") return command[0] === "node" ? process.execPath : command[0];
  return /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:exec\s+)?([^\s;&|()<>]+)/.exec(command)?.[1];
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the program is found, or undefined: a bare name on the env's PATH; a path relative to `cwd` as it is. */
export function findProgram(program: string, env: Env, cwd: string): string | undefined {
  if (program.includes("/")) {
    const path = isAbsolute(program) ? program : resolve(cwd, program);
    return executable(path) ? path : undefined;
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir !== "" && executable(join(dir, program))) return join(dir, program);
  }
  return undefined;
}

/** Why `command` cannot run on this machine (its program is not installed), or undefined. */
export function toolchainProblem(command: ContractCommand, field: string, env: Env, cwd: string): string | undefined {
  const program = programOf(command);
  if (program === undefined || program.includes("/")) return undefined; // a path is the app's own: a verdict
  if (findProgram(program, env, cwd) !== undefined) return undefined;
  return (
    `${program} is not installed: ${field} (${showCommand(command)}) needs it and it is not on PATH ` +
    `(${env.PATH ?? "unset"}); install it, or change ${field}`
  );
}

/** A program the command ran that was not found (shell exit 127), as an environment problem. */
export function notFoundProblem(result: ProcessResult, field: string): EnvironmentProblemError | undefined {
  if (!result.notFound) return undefined;
  const line =
    result.stderr
      .trim()
      .split("\n")
      .find((l) => /not found|No such file/.test(l)) ?? result.stderr.trim();
  return new EnvironmentProblemError(`${field} ran a program that is not installed: ${line}`);
}

export async function runContractCommand(
  command: ContractCommand,
  field: string,
  options: { cwd: string; env: Env; timeoutMs: number },
): Promise<ProcessResult> {
  const problem = toolchainProblem(command, field, options.env, options.cwd);
  if (problem) throw new EnvironmentProblemError(problem);
  const result = await run(commandArgv(command), options);
  const missing = notFoundProblem(result, field);
  if (missing) throw missing;
  return result;
}
