/**
 * The one JSON line the DEV-012 smoke prints (the runbook's "`-s` preserves the emitted JSON line"): at least
 * runtime_input_path (absolute, the file actually used), env, fingerprint and utc. The suite hands it to
 * recordStdoutLine (helpers/evidence/record.ts): the main process prints it raw on a line of its own, once, and
 * keeps it in the evidence.
 */
import type { Dev012Config } from "./input-policy.ts";

export type FingerprintLine = {
  smoke: "dev012-fingerprint";
  runtime_input_path: string;
  input_source: Dev012Config["inputSource"];
  env: Dev012Config["env"];
  fingerprint: string;
  fingerprinter: string;
  utc: string;
};

export function fingerprintLine(
  config: Dev012Config,
  fingerprint: string,
  fingerprinter: string,
  now = new Date(),
): FingerprintLine {
  return {
    smoke: "dev012-fingerprint",
    runtime_input_path: config.inputPath,
    input_source: config.inputSource,
    env: config.env,
    fingerprint,
    fingerprinter,
    utc: now.toISOString(),
  };
}
