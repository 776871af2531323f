/**
 * Variants of a runtime input that the fingerprint criteria compare against the original:
 * same incident with keys reordered, same incident with every volatile value changed, and the incident with a
 * different error class or a different pipeline. Inputs are never mutated; each variant is a deep copy.
 */
import { splitError } from "./fingerprint.ts";
import type { IncidentInput } from "./incident-input.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Deep copy with the keys of every object in reverse order (arrays keep their order). */
export function reorderKeys<T>(value: T): T {
  const visit = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.keys(node)
          .reverse()
          .map((key) => [key, visit(node[key] as Json)]),
      );
    }
    return node;
  };
  return visit(value as Json) as T;
}

const HEX_NEXT: Record<string, string> = Object.fromEntries(
  [..."0123456789abcdef"].map((c, i, all) => [c, all[(i + 5) % all.length] as string]),
);

function rotateHex(token: string): string {
  return token.replace(/[0-9a-f]/gi, (c) => {
    const next = HEX_NEXT[c.toLowerCase()] ?? c;
    return /[A-F]/.test(c) ? next.toUpperCase() : next;
  });
}

function shiftTimestamp(token: string): string {
  const parsed = Date.parse(token.length === 10 ? `${token}T00:00:00Z` : token.replace(" ", "T"));
  if (Number.isNaN(parsed)) return token.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
  const shifted = new Date(parsed + 86_400_000 + (token.length > 10 ? 37 * 60_000 : 0)).toISOString();
  if (token.length === 10) return shifted.slice(0, 10);
  const withSeparator = token.includes(" ") ? shifted.replace("T", " ") : shifted;
  return withSeparator.slice(0, token.length - (token.endsWith("Z") ? 1 : 0)) + (token.endsWith("Z") ? "Z" : "");
}

const VOLATILE_TOKEN =
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?)|(0x[0-9a-f]+|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b)|(\d+)/gi;

/** Changes every id, timestamp, hex id and number inside `text`, keeping the words around them. */
export function perturbText(text: string): string {
  return text.replace(VOLATILE_TOKEN, (token, uuid, timestamp, hex, digits: string | undefined) => {
    if (uuid || hex) return rotateHex(token);
    if (timestamp) return shiftTimestamp(token);
    if (digits) return String(Number(digits) + 7).padStart(digits.length, "0");
    return token;
  });
}

/** Fields a new occurrence of the same incident keeps: what identifies it, and what describes the file itself. */
const KEPT = new Set(["schema", "env", "pipeline", "failed_task.task_key", "failed_task.state.result_state"]);

/** The same incident seen again: a new run, new ids and times, new numbers in the message. */
export function perturbVolatile(input: IncidentInput): IncidentInput {
  const visit = (node: Json, path: string): Json => {
    if (path === "run_output.error" && typeof node === "string") {
      const { errorClass, message } = splitError(node);
      return errorClass ? `${errorClass}: ${perturbText(message)}` : perturbText(node);
    }
    if (KEPT.has(path)) return node;
    if (typeof node === "number") return Number.isInteger(node) ? node + 7919 : node + 0.5;
    if (typeof node === "string") return perturbText(node);
    if (Array.isArray(node)) return node.map((item) => visit(item, `${path}[]`));
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, visit(value, path ? `${path}.${key}` : key)]),
      );
    }
    return node;
  };
  return visit(input as unknown as Json, "") as unknown as IncidentInput;
}

/** The same failure raised as a different error class (the trace is updated to match). */
export function withOtherErrorClass(input: IncidentInput): IncidentInput {
  const copy = clone(input);
  const { errorClass, message } = splitError(copy.run_output.error);
  const other = errorClass === "AnalysisException" ? "Py4JJavaError" : "AnalysisException";
  copy.run_output.error = `${other}: ${message}`;
  const trace = copy.run_output.error_trace;
  if (errorClass && typeof trace === "string") copy.run_output.error_trace = trace.split(errorClass).join(other);
  return copy;
}

/** The same failure in another pipeline (run_name follows when it named the pipeline). */
export function withOtherPipeline(input: IncidentInput): IncidentInput {
  const copy = clone(input);
  const other = copy.pipeline === "pipeline_c_analytics" ? "pipeline_a_guardrail" : "pipeline_c_analytics";
  const run = copy.run as Record<string, unknown> | undefined;
  if (run && run.run_name === copy.pipeline) run.run_name = other;
  copy.pipeline = other;
  return copy;
}
