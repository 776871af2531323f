/**
 * Compares a replayed request's JSON body with the recorded one. Volatile fields (a run name's unique suffix, an
 * idempotency token) are declared per recording or smoke as VolatileField paths; everything else must be equal.
 * The answer names the first differing field: "tasks[0].spark_python_task.parameters[1]: sent "/Volumes/…",
 * recorded "/dbfs/…"". A recorded string that was redacted ("[REDACTED]", helpers/redact.ts) matches any sent
 * string in its place: the recording cannot hold the real value. Bodies that are not JSON are not compared.
 */
import { REDACTED } from "../redact.ts";

/** A field whose value may differ between the recording and a replay. */
export interface VolatileField {
  /** Dot path from the body's root; `[]` stands for every array element: "run_name", "tasks[].task_key". */
  path: string;
  /**
   * Only the part of the (string) value matching this pattern is volatile, e.g. a run name's
   * `-20260225T101500Z-a7k2` suffix; without it the whole value is left out of the comparison.
   */
  pattern?: RegExp;
}

const MASK = "<volatile>";

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text.trim() === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** True when `text` is a JSON object or array (the bodies this module compares). */
export function isJsonBody(text: string | undefined): boolean {
  const parsed = parseJson(text);
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null;
}

function segments(path: string): string[] {
  return path
    .replace(/\[\]/g, ".[]")
    .split(".")
    .filter((s) => s !== "");
}

function applyVolatile(node: unknown, parts: ReadonlyArray<string>, pattern: RegExp | undefined): unknown {
  if (parts.length === 0) {
    if (pattern === undefined) return MASK;
    return typeof node === "string" ? node.replace(pattern, MASK) : node;
  }
  const [head, ...rest] = parts;
  if (head === "[]") return Array.isArray(node) ? node.map((item) => applyVolatile(item, rest, pattern)) : node;
  if (node === null || typeof node !== "object" || Array.isArray(node) || head === undefined) return node;
  const record = node as Record<string, unknown>;
  if (!Object.hasOwn(record, head)) return node;
  return { ...record, [head]: applyVolatile(record[head], rest, pattern) };
}

/** The body with every volatile field masked (absent fields stay absent). */
export function maskVolatile(value: unknown, volatile: ReadonlyArray<VolatileField>): unknown {
  return volatile.reduce((node, field) => applyVolatile(node, segments(field.path), field.pattern), value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function redactedMatch(sent: unknown, recorded: unknown): boolean {
  if (typeof sent !== "string" || typeof recorded !== "string" || !recorded.includes(REDACTED)) return false;
  const escaped = recorded.split(REDACTED).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join("[\\s\\S]+")}$`).test(sent);
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

function firstDifference(sent: unknown, recorded: unknown, path: string): string | undefined {
  const at = path === "" ? "(body)" : path;
  if (Array.isArray(sent) && Array.isArray(recorded)) {
    for (let i = 0; i < Math.max(sent.length, recorded.length); i++) {
      if (i >= sent.length) return `${join(path, i)}: missing in the request (recorded ${show(recorded[i])})`;
      if (i >= recorded.length) return `${join(path, i)}: sent ${show(sent[i])}, not in the recording`;
      const inner = firstDifference(sent[i], recorded[i], join(path, i));
      if (inner) return inner;
    }
    return undefined;
  }
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObject(sent) && isObject(recorded)) {
    const a = sent as Record<string, unknown>;
    const b = recorded as Record<string, unknown>;
    for (const key of Object.keys(b)) {
      if (!Object.hasOwn(a, key)) return `${join(path, key)}: missing in the request (recorded ${show(b[key])})`;
      const inner = firstDifference(a[key], b[key], join(path, key));
      if (inner) return inner;
    }
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) return `${join(path, key)}: sent ${show(a[key])}, not in the recording`;
    }
    return undefined;
  }
  if (Object.is(sent, recorded) || redactedMatch(sent, recorded)) return undefined;
  return `${at}: sent ${show(sent)}, recorded ${show(recorded)}`;
}

/**
 * The first difference between the sent and the recorded JSON body (volatile fields masked), or undefined when they
 * agree or the recording holds no JSON body to compare with.
 */
export function bodyDifference(
  sent: string | undefined,
  recorded: string | undefined,
  volatile: ReadonlyArray<VolatileField> = [],
): string | undefined {
  if (!isJsonBody(recorded)) return undefined;
  const want = parseJson(recorded);
  const got = parseJson(sent);
  if (!want.ok) return undefined;
  if (!got.ok) return sent === undefined || sent === "" ? "(body): the request has none" : "(body): not JSON";
  return firstDifference(maskVolatile(got.value, volatile), maskVolatile(want.value, volatile), "");
}
