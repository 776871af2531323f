/**
 * Turns zod's issues into ContractIssues a reader can act on: the field path ("env[2].source"), what was expected,
 * the value found there, and the values or fields the schema allows there (an unknown field lists the known ones,
 * an enum its values, a union its alternatives).
 */
import { stringify } from "yaml";
import type { z } from "zod";
import type { ContractIssue } from "./errors.ts";

/** "env[2].name" from ["env", 2, "name"]. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

interface Def {
  type?: string;
  innerType?: unknown;
  element?: unknown;
  valueType?: unknown;
  shape?: Record<string, unknown>;
  options?: unknown[];
  entries?: Record<string, string>;
  in?: unknown;
}

function defOf(schema: unknown): Def {
  return ((schema as { _zod?: { def?: Def } } | undefined)?._zod?.def ?? {}) as Def;
}

/** Strips optional/default/nullable/pipe wrappers. */
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === "pipe" && def.in !== undefined) current = def.in;
    else break;
  }
  return current;
}

/** The (unwrapped) schema at `path`, or undefined where a union or an unknown key makes it ambiguous. */
export function schemaAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = unwrap(root);
  for (const part of path) {
    const def = defOf(current);
    if (def.type === "object" && def.shape) current = def.shape[String(part)];
    else if (def.type === "array") current = def.element;
    else if (def.type === "record") current = def.valueType;
    else return undefined;
    current = unwrap(current);
    if (current === undefined) return undefined;
  }
  return current;
}

/** What a schema accepts, in words: enum values, object fields, or union alternatives. */
export function allowedBy(schema: unknown): string[] {
  const def = defOf(unwrap(schema));
  if (def.type === "enum" && def.entries) return Object.values(def.entries);
  if (def.type === "object" && def.shape) return Object.keys(def.shape);
  if (def.type === "union" && def.options) {
    return def.options.flatMap((option) => {
      const inner = defOf(unwrap(option));
      if (inner.type === "object" && inner.shape) return [`{ ${Object.keys(inner.shape).join(", ")} }`];
      if (inner.type === "enum" || inner.type === "union") return allowedBy(option);
      if (inner.type === "array") return ["a list"];
      return inner.type ? [`a ${inner.type}`] : [];
    });
  }
  return [];
}

function show(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = stringify(value, { flow: true, lineWidth: 0 }).trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function issuesOf(file: string, error: z.ZodError, schema: unknown): ContractIssue[] {
  const issues: ContractIssue[] = [];
  for (const issue of error.issues) {
    const input = (issue as { input?: unknown }).input;
    if (issue.code === "unrecognized_keys") {
      const known = allowedBy(schemaAt(schema, issue.path));
      for (const key of issue.keys) {
        issues.push({
          file,
          field: fieldPath([...issue.path, key]),
          expected: "unknown field (not in the contract schema)",
          value: show((input as Record<string, unknown> | undefined)?.[key]),
          allowed: known.map((k) => (issue.path.length === 0 ? k : `${fieldPath(issue.path)}.${k}`)),
        });
      }
      continue;
    }
    const allowed =
      issue.code === "invalid_value"
        ? issue.values.map((v) => String(v))
        : issue.code === "invalid_union" || issue.code === "invalid_type"
          ? allowedBy(schemaAt(schema, issue.path))
          : [];
    const missing = issue.code === "invalid_type" && input === undefined;
    issues.push({
      file,
      field: fieldPath(issue.path),
      expected: missing ? `required (${issue.message.replace(/^Invalid input: /, "")})` : issue.message,
      value: missing ? undefined : show(input),
      allowed: allowed.length > 0 ? allowed : undefined,
    });
  }
  return issues;
}
