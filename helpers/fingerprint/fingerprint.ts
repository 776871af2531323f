/**
 * The built-in DEV-012 incident fingerprint: sha256 over a canonical JSON of the identifying fields, with the
 * volatile parts of the error message masked. Identifying: pipeline, failed task key, its result state, the
 * error class and the masked error message. Not identifying: run and job ids, attempt numbers, timestamps,
 * workspace host, alert ids, the stack trace (line numbers move with unrelated code changes).
 */
import { createHash } from "node:crypto";
import type { IncidentInput } from "./incident-input.ts";
import { maskVolatile } from "./mask.ts";

export const FINGERPRINT_VERSION = 1;

export interface IncidentIdentity {
  v: number;
  pipeline: string;
  task_key: string;
  result_state: string;
  error_class: string;
  error_message: string;
}

/** "FreshnessGateError: window …" → class FreshnessGateError; a message without a class prefix has class "". */
export function splitError(error: string): { errorClass: string; message: string } {
  const match = /^\s*([A-Za-z_][\w.]*)\s*:\s*([\s\S]*)$/.exec(error);
  if (!match?.[1] || !/(Error|Exception|Failure|Fault|Exit|Interrupt)$/.test(match[1])) {
    return { errorClass: "", message: error };
  }
  return { errorClass: match[1].split(".").at(-1) ?? match[1], message: match[2] ?? "" };
}

export function identityOf(input: IncidentInput): IncidentIdentity {
  const { errorClass, message } = splitError(input.run_output.error);
  return {
    v: FINGERPRINT_VERSION,
    pipeline: input.pipeline.trim(),
    task_key: input.failed_task.task_key.trim(),
    result_state: input.failed_task.state.result_state.trim(),
    error_class: errorClass,
    error_message: maskVolatile(message),
  };
}

/** JSON with object keys sorted at every level, so key order never changes the bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function fingerprintOf(input: IncidentInput): string {
  return createHash("sha256")
    .update(canonicalJson(identityOf(input)))
    .digest("hex");
}
