/** The docker CLI as a child process, for work testcontainers does not cover (docker import, image labels). */
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { SmokebookError } from "../errors.ts";

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

export interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: string[],
  options: { input?: Readable; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [options.input ? "pipe" : "ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    if (options.input && child.stdin) options.input.pipe(child.stdin);
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

export async function docker(args: string[], options: { input?: Readable; timeoutMs?: number } = {}): Promise<string> {
  const result = await run("docker", args, options);
  if (result.exitCode !== 0) throw new DockerCliError(args, result.exitCode, result.stderr);
  return result.stdout;
}
