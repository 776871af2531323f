/**
 * Who computes the fingerprint: the built-in reference (fingerprint.ts) or the user's own implementation named by
 * DEV012_FINGERPRINT_COMMAND — a shell command that receives the input path as its last argument and prints JSON
 * with a `fingerprint` field on stdout. Both are driven through files, so the criteria treat them alike.
 */
import { run } from "../process/run.ts";
import { FingerprintCommandError } from "./errors.ts";
import { fingerprintOf } from "./fingerprint.ts";
import { loadIncidentInput } from "./incident-input.ts";

export interface Fingerprinter {
  /** "built-in" or "command: <command>". */
  readonly description: string;
  fingerprint(inputPath: string): Promise<string>;
}

export const builtInFingerprinter: Fingerprinter = {
  description: "built-in",
  fingerprint: async (inputPath) => fingerprintOf(loadIncidentInput(inputPath)),
};

export interface CommandOptions {
  timeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

function lastJsonObject(stdout: string): Record<string, unknown> | undefined {
  const lines = stdout.split("\n").map((line) => line.trim());
  for (const line of lines.reverse()) {
    if (!line.startsWith("{")) continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON; keep looking
    }
  }
  return undefined;
}

function tail(text: string, max = 400): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `…${trimmed.slice(-max)}` : trimmed;
}

export function commandFingerprinter(command: string, options: CommandOptions = {}): Fingerprinter {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    description: `command: ${command}`,
    fingerprint: async (inputPath) => {
      // `sh -c 'cmd "$1"' sh <path>`: the command is shell syntax, the path is passed without re-quoting.
      const result = await run(["/bin/sh", "-c", `${command} "$1"`, "dev012-fingerprint", inputPath], {
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        env: options.env ?? process.env,
        timeoutMs,
      });
      if (result.exitCode !== 0) {
        const detail = result.timedOut
          ? `did not finish within ${timeoutMs / 1000}s`
          : `exited with ${String(result.exitCode ?? result.signal)}; stderr: ${tail(result.stderr) || "(empty)"}`;
        throw new FingerprintCommandError(command, inputPath, detail);
      }
      const json = lastJsonObject(result.stdout);
      if (!json) {
        throw new FingerprintCommandError(
          command,
          inputPath,
          `printed no JSON object; stdout: ${tail(result.stdout) || "(empty)"}`,
        );
      }
      const value = json.fingerprint;
      if (typeof value !== "string" || value.trim() === "") {
        throw new FingerprintCommandError(
          command,
          inputPath,
          `printed JSON without a non-empty string "fingerprint" field: ${tail(JSON.stringify(json))}`,
        );
      }
      return value.trim();
    },
  };
}

export function chooseFingerprinter(command: string | undefined, options: CommandOptions = {}): Fingerprinter {
  return command ? commandFingerprinter(command, options) : builtInFingerprinter;
}
