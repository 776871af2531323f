/**
 * The docker CLI, for the work testcontainers does not cover (docker import, docker pull, image labels), on the
 * process layer (helpers/process/run.ts). This wrapper stays because it adds what every docker call needs: an error
 * (DockerCliError) carrying the arguments, the exit code and stderr, thrown when docker exits non-zero.
 */
import type { Readable } from "node:stream";
import { SmokebookError } from "../errors.ts";
import { run } from "../process/run.ts";

export class DockerCliError extends SmokebookError {
  readonly args: string[];
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(args: string[], exitCode: number | null, stderr: string) {
    super("DOCKER_CLI_FAILED", `docker ${args.join(" ")} failed (exit ${exitCode}): ${stderr.trim().slice(0, 500)}`);
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** Runs `docker <args>` and returns its stdout; a non-zero exit throws DockerCliError. */
export async function docker(args: string[], options: { input?: Readable; timeoutMs?: number } = {}): Promise<string> {
  const result = await run(["docker", ...args], options);
  if (result.exitCode !== 0) throw new DockerCliError(args, result.exitCode, result.stderr);
  return result.stdout;
}
