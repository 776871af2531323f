/**
 * What an Azure recording remembers about the run that made it, as JSON in the HAR's log.comment:
 *   {"format":"smokebook/azure-recording/1","smoke":"…","description":"…","settings":{…},"ids":{"run_id":"…"},
 *    "read_timeout_seconds":60,"volatile_body_fields":[{"path":"[].TimeGenerated"}]}
 * A replay runs with exactly these settings (the resource names, DCR, rules and poll intervals the recording was made
 * with), reuses its ids (the run id the events and queries carry) and compares request bodies except the volatile
 * fields — never with the environment of the machine that replays.
 */
import type { Har } from "har-format";
import { HarFormatError } from "../replay/errors.ts";
import type { VolatileField } from "../replay/index.ts";

export const AZURE_RECORDING_FORMAT = "smokebook/azure-recording/1";

export interface AzureRecordingMeta<S> {
  format: typeof AZURE_RECORDING_FORMAT;
  smoke: string;
  description: string;
  settings: S;
  ids: Record<string, string>;
  read_timeout_seconds: number;
  volatile_body_fields: Array<{ path: string; pattern?: string }>;
}

export function azureRecordingComment<S>(meta: Omit<AzureRecordingMeta<S>, "format">): string {
  return JSON.stringify({ format: AZURE_RECORDING_FORMAT, ...meta });
}

export function volatileFieldsOf(meta: Pick<AzureRecordingMeta<unknown>, "volatile_body_fields">): VolatileField[] {
  return meta.volatile_body_fields.map((f) => ({
    path: f.path,
    ...(f.pattern ? { pattern: new RegExp(f.pattern) } : {}),
  }));
}

export function toVolatileJson(fields: ReadonlyArray<VolatileField>): Array<{ path: string; pattern?: string }> {
  return fields.map((f) => ({ path: f.path, ...(f.pattern ? { pattern: f.pattern.source } : {}) }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The recording's metadata; a recording without it (or with a malformed one) is an error naming the field. */
export function readAzureRecordingMeta<S>(har: Har, source: string): AzureRecordingMeta<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(har.log.comment ?? "");
  } catch {
    throw new HarFormatError(source, `is not JSON with "format": "${AZURE_RECORDING_FORMAT}"`, "log.comment");
  }
  if (!isRecord(parsed) || parsed.format !== AZURE_RECORDING_FORMAT) {
    throw new HarFormatError(source, `expected "format": "${AZURE_RECORDING_FORMAT}"`, "log.comment");
  }
  if (!isRecord(parsed.settings)) throw new HarFormatError(source, "missing object", "log.comment.settings");
  const ids = parsed.ids ?? {};
  if (!isRecord(ids) || Object.values(ids).some((v) => typeof v !== "string")) {
    throw new HarFormatError(source, "expected an object of strings", "log.comment.ids");
  }
  const timeout = parsed.read_timeout_seconds;
  if (typeof timeout !== "number" || !(timeout > 0)) {
    throw new HarFormatError(source, "expected a number > 0", "log.comment.read_timeout_seconds");
  }
  const volatile = parsed.volatile_body_fields ?? [];
  if (!Array.isArray(volatile) || volatile.some((f) => !isRecord(f) || typeof f.path !== "string")) {
    throw new HarFormatError(source, "expected [{path, pattern?}]", "log.comment.volatile_body_fields");
  }
  return parsed as unknown as AzureRecordingMeta<S>;
}

/** A recorded id the replay must reuse, or an error naming the recording. */
export function recordedAzureId(meta: AzureRecordingMeta<unknown>, name: string, source: string): string {
  const id = meta.ids[name];
  if (id === undefined) throw new HarFormatError(source, "missing id", `log.comment.ids.${name}`);
  return id;
}
