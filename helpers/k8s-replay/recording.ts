/**
 * A Kubernetes recording: a HAR 1.2 file (loaded and shape-checked by helpers/replay) whose `log._smokebook`
 * says which scenario it is, which namespace a kubeconfig for it should default to, and the unique ids the recorded
 * run generated (marker file, trace id) — a replayed run reuses them, since the recording answers only for those.
 */
import { isAbsolute, relative } from "node:path";
import type { Har } from "har-format";
import { fromRoot, repoRoot } from "../paths.ts";
import { HarFormatError } from "../replay/errors.ts";
import { loadHar } from "../replay/har-file.ts";

export interface K8sRecordingMeta {
  scenario: string;
  description: string;
  namespace: string;
  ids: Record<string, string>;
}

export interface K8sRecording {
  har: Har;
  meta: K8sRecordingMeta;
  /** The file as messages show it (relative to the repository root when inside it). */
  source: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function metaOf(har: Har, source: string): K8sRecordingMeta {
  const meta = (har.log as unknown as Record<string, unknown>)._smokebook;
  if (!isRecord(meta)) throw new HarFormatError(source, "missing object", "log._smokebook");
  for (const field of ["scenario", "description", "namespace"] as const) {
    if (typeof meta[field] !== "string") throw new HarFormatError(source, "missing string", `log._smokebook.${field}`);
  }
  const ids = meta.ids ?? {};
  if (!isRecord(ids) || Object.values(ids).some((v) => typeof v !== "string")) {
    throw new HarFormatError(source, "expected an object of strings", "log._smokebook.ids");
  }
  return {
    scenario: meta.scenario as string,
    description: meta.description as string,
    namespace: meta.namespace as string,
    ids: ids as Record<string, string>,
  };
}

/** Loads a recording; `path` is absolute or relative to the repository root. */
export function loadK8sRecording(path: string): K8sRecording {
  const absolute = isAbsolute(path) ? path : fromRoot(path);
  const rel = relative(repoRoot, absolute);
  const source = rel.startsWith("..") ? absolute : rel;
  const har = loadHar(absolute, source);
  return { har, meta: metaOf(har, source), source };
}

/** A recorded id the replayed run must reuse; throws naming the recording when it lacks it. */
export function recordedId(recording: K8sRecording, name: string): string {
  const id = recording.meta.ids[name];
  if (id === undefined) throw new HarFormatError(recording.source, "missing id", `log._smokebook.ids.${name}`);
  return id;
}
