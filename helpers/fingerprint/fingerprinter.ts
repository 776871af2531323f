/**
 * Who computes the fingerprint: the built-in reference (fingerprint.ts) or the user's own implementation named by
 * DEV012_FINGERPRINT_COMMAND — a shell command that receives the input path as its last argument and prints JSON
 * with a `fingerprint` field on stdout. Both are driven through files, so the criteria treat them alike.
 */
import { execFile } from "node:child_process";
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
    fingerprint: (inputPath) =>
      new Promise<string>((resolvePromise, reject) => {
        // `sh -c 'cmd "$1"' sh <path>`: the command is shell syntax, the path is passed without re-quoting.
        const args = ["-c", `${command} "$1"`, "dev012-fingerprint", inputPath];
        execFile(
          "/bin/sh",
          args,
          { cwd: options.cwd, env: options.env ?? process.env, timeout: timeoutMs, maxBuffer: 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error) {
              const killed = (error as { killed?: boolean }).killed;
              const detail = killed
                ? `did not finish within ${timeoutMs / 1000}s`
                : `exited with ${String((error as { code?: unknown }).code ?? "an error")}; stderr: ${tail(stderr) || "(empty)"}`;
              reject(new FingerprintCommandError(command, inputPath, detail, error));
              return;
            }
            const json = lastJsonObject(stdout);
            if (!json) {
              reject(
                new FingerprintCommandError(
                  command,
                  inputPath,
                  `printed no JSON object; stdout: ${tail(stdout) || "(empty)"}`,
                ),
              );
              return;
            }
            const value = json.fingerprint;
            if (typeof value !== "string" || value.trim() === "") {
              reject(
                new FingerprintCommandError(
                  command,
                  inputPath,
                  `printed JSON without a non-empty string "fingerprint" field: ${tail(JSON.stringify(json))}`,
                ),
              );
              return;
            }
            resolvePromise(value.trim());
          },
        );
      }),
  };
}

export function chooseFingerprinter(command: string | undefined, options: CommandOptions = {}): Fingerprinter {
  return command ? commandFingerprinter(command, options) : builtInFingerprinter;
}
