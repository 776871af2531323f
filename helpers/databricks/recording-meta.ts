/**
 * What a Databricks recording remembers about the run that made it, kept as JSON in the HAR's log.comment:
 *   {"format":"smokebook/databricks-recording/1","smoke":"DEV-019 watchdog serverless smoke",
 *    "description":"…","poll":{"interval_seconds":20,"timeout_seconds":900},
 *    "volatile_body_fields":[{"path":"run_name","pattern":"-\\d{8}T\\d{6}Z-[0-9a-z]{4}$"}]}
 * Replays poll with the recorded interval and deadline (so the poll trail matches the recording) and compare
 * request bodies ignoring exactly the recorded volatile fields. A comment that is not such JSON (older,
 * hand-described recordings) carries no metadata; one that claims the format but is malformed is an error.
 */
import type { Har } from "har-format";
import { HarFormatError, type VolatileField } from "../replay/index.ts";
import type { PollSettings } from "./poll-settings.ts";

export const RECORDING_FORMAT = "smokebook/databricks-recording/1";

export interface RecordingMeta {
  format: typeof RECORDING_FORMAT;
  smoke: string;
  description: string;
  /** The poll interval and deadline the run was made with; absent for smokes that do not poll. */
  poll?: { interval_seconds: number; timeout_seconds: number };
  volatile_body_fields: Array<{ path: string; pattern?: string }>;
}

export interface RecordingProfile {
  smoke: string;
  description: string;
  poll?: PollSettings | undefined;
  volatile?: ReadonlyArray<VolatileField> | undefined;
}

export function recordingMeta(profile: RecordingProfile): RecordingMeta {
  return {
    format: RECORDING_FORMAT,
    smoke: profile.smoke,
    description: profile.description,
    ...(profile.poll
      ? { poll: { interval_seconds: profile.poll.intervalMs / 1000, timeout_seconds: profile.poll.timeoutMs / 1000 } }
      : {}),
    volatile_body_fields: (profile.volatile ?? []).map((f) => ({
      path: f.path,
      ...(f.pattern ? { pattern: f.pattern.source } : {}),
    })),
  };
}

/** The log.comment text of a recording made with `profile`. */
export function recordingComment(profile: RecordingProfile): string {
  return JSON.stringify(recordingMeta(profile));
}

function positive(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/** The recording's metadata, undefined when log.comment is not smokebook recording JSON. */
export function readRecordingMeta(har: Har, source: string): RecordingMeta | undefined {
  let parsed: Partial<RecordingMeta> | undefined;
  try {
    parsed = JSON.parse(har.log.comment ?? "") as Partial<RecordingMeta>;
  } catch {
    return undefined;
  }
  if (parsed?.format !== RECORDING_FORMAT) return undefined;
  const bad = (field: string, problem: string) => new HarFormatError(source, problem, `log.comment.${field}`);
  if (typeof parsed.smoke !== "string") throw bad("smoke", "missing smoke name");
  if (parsed.poll !== undefined && !(positive(parsed.poll.interval_seconds) && positive(parsed.poll.timeout_seconds))) {
    throw bad("poll", `expected positive interval_seconds and timeout_seconds, got ${JSON.stringify(parsed.poll)}`);
  }
  if (!Array.isArray(parsed.volatile_body_fields)) throw bad("volatile_body_fields", "missing array");
  parsed.volatile_body_fields.forEach((f, i) => {
    if (typeof f?.path !== "string" || (f.pattern !== undefined && typeof f.pattern !== "string")) {
      throw bad(`volatile_body_fields[${i}]`, "expected {path, pattern?} strings");
    }
  });
  return parsed as RecordingMeta;
}

export function volatileFields(meta: RecordingMeta): VolatileField[] {
  return meta.volatile_body_fields.map((f) => ({
    path: f.path,
    ...(f.pattern !== undefined ? { pattern: new RegExp(f.pattern) } : {}),
  }));
}

/** The recorded poll settings, or undefined when the recording does not name them. */
export function recordedPoll(meta: RecordingMeta | undefined, source: string): PollSettings | undefined {
  if (!meta?.poll) return undefined;
  return {
    intervalMs: Math.round(meta.poll.interval_seconds * 1000),
    timeoutMs: Math.round(meta.poll.timeout_seconds * 1000),
    source: `recording ${source}`,
  };
}
