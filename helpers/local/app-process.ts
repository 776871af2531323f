/**
 * The target app as a real local process, in its own process group: `await using app = startApp(…)` stops the
 * whole group on disposal (SIGTERM, then SIGKILL after a grace period), so an app started through a wrapper
 * (`npm start`, `go run`, a shell script) leaves nothing running. A start command whose program is not installed is
 * an environment problem (EnvironmentProblemError), raised before anything starts.
 */
import { EnvironmentProblemError } from "../contract/errors.ts";
import type { Env } from "../gates.ts";
import { type GroupProcess, startGroup } from "../process/process-group.ts";
import { type ContractCommand, commandArgv, toolchainProblem } from "./contract-command.ts";

export type AppProcess = GroupProcess;

export function startApp(command: ContractCommand, cwd: string, env: Env, field = "app.start"): AppProcess {
  const problem = toolchainProblem(command, field, env, cwd);
  if (problem) throw new EnvironmentProblemError(problem);
  return startGroup(commandArgv(command), { cwd, env });
}

/** The app exited with 127 because a program its start command runs is not installed. */
export function exitedNotFound(app: AppProcess, field = "app.start"): EnvironmentProblemError | undefined {
  if (app.exit?.code !== 127 || !/not found|No such file/.test(app.stderr)) return undefined;
  const line =
    app.stderr
      .trim()
      .split("\n")
      .find((l) => /not found|No such file/.test(l)) ?? app.stderr.trim();
  return new EnvironmentProblemError(`${field} ran a program that is not installed: ${line}`);
}
