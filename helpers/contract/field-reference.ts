/**
 * The contract field reference (README "Contract field reference"), rendered from the zod schema itself: every
 * field's path, whether it is required, what it accepts (enum values, union alternatives, defaults) and its
 * description. A test keeps the README's table equal to this rendering, so the allowed values are documented where
 * users look and can never drift from schema.ts.
 */
import { contractSchema } from "./schema.ts";

interface Def {
  type?: string;
  innerType?: Schema;
  element?: Schema;
  valueType?: Schema;
  shape?: Record<string, Schema>;
  options?: Schema[];
  entries?: Record<string, string>;
  values?: unknown[];
  defaultValue?: unknown;
  checks?: Array<{ _zod?: { def?: { check?: string; minimum?: number; maximum?: number; pattern?: RegExp } } }>;
}

interface Schema {
  description?: string;
  _zod: { def: Def };
}

export interface FieldRow {
  path: string;
  required: boolean;
  accepts: string;
  description: string;
}

function unwrap(schema: Schema): { inner: Schema; optional: boolean; fallback: unknown; description?: string } {
  let current = schema;
  let optional = false;
  let fallback: unknown;
  let description = schema.description;
  for (let i = 0; i < 10; i++) {
    const def = current._zod.def;
    if (def.type === "optional") optional = true;
    else if (def.type === "default") {
      optional = true;
      fallback = def.defaultValue;
    } else break;
    current = def.innerType as Schema;
    description ??= current.description;
  }
  description ??= current.description;
  return { inner: current, optional, fallback, ...(description !== undefined ? { description } : {}) };
}

/** The field types of schema-fields.ts in words. */
const PATTERN_NAMES: Record<string, string> = {
  "^[A-Z_][A-Z0-9_]*$": "variable name (`A-Z`, `0-9`, `_`)",
  "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$": "Kubernetes object name (RFC 1123)",
  "^--?[A-Za-z0-9][-A-Za-z0-9_.]*$": "command-line flag (`--port`)",
  "^\\/\\S*$": "absolute path",
  "^\\/.*": "path starting with `/`",
};

function accepts(schema: Schema): string {
  const def = schema._zod.def;
  switch (def.type) {
    case "enum":
      return Object.values(def.entries ?? {})
        .map((v) => `\`${v}\``)
        .join(", ");
    case "literal":
      return (def.values ?? []).map((v) => `\`${String(v)}\``).join(", ");
    case "union":
      return (def.options ?? []).map((o) => accepts(unwrap(o).inner)).join(" or ");
    case "array":
      return `list of ${accepts(unwrap(def.element as Schema).inner)}`;
    case "record":
      return `map of name → ${accepts(unwrap(def.valueType as Schema).inner)}`;
    case "object":
      return `{ ${Object.entries(def.shape ?? {})
        .map(([key, child]) => {
          const inner = unwrap(child).inner._zod.def;
          return inner.type === "object" ? `${key}: { ${Object.keys(inner.shape ?? {}).join(", ")} }` : key;
        })
        .join(", ")} }`;
    case "number":
      return "number";
    case "string": {
      const pattern = (def.checks ?? []).map((c) => c._zod?.def?.pattern).find(Boolean);
      if (!pattern) return "string";
      return PATTERN_NAMES[pattern.source] ?? `string matching \`${pattern.source}\``;
    }
    default:
      return def.type ?? "?";
  }
}

function walk(schema: Schema, path: string, rows: FieldRow[]): void {
  const { inner, optional, fallback, description } = unwrap(schema);
  const def = inner._zod.def;
  const shown =
    fallback !== undefined && !(Array.isArray(fallback) && fallback.length === 0)
      ? ` (default \`${JSON.stringify(fallback)}\`)`
      : "";
  if (path !== "" && !path.endsWith("[]") && !path.endsWith(".<name>")) {
    rows.push({ path, required: !optional, accepts: `${accepts(inner)}${shown}`, description: description ?? "" });
  }
  if (def.type === "object") {
    for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, path ? `${path}.${key}` : key, rows);
  } else if (def.type === "array") {
    const element = unwrap(def.element as Schema).inner;
    if (element._zod.def.type === "object") walk(element, `${path}[]`, rows);
  } else if (def.type === "record") {
    const value = unwrap(def.valueType as Schema).inner;
    if (value._zod.def.type === "object") walk(value, `${path}.<name>`, rows);
  }
}

export function contractFields(): FieldRow[] {
  const rows: FieldRow[] = [];
  walk(contractSchema as unknown as Schema, "", rows);
  return rows;
}

const escapePipes = (text: string) => text.replace(/\|/g, "\\|");

/** The README table: field, required, accepts, what it declares. */
export function renderFieldReference(rows: ReadonlyArray<FieldRow> = contractFields()): string {
  const lines = ["| field | required | accepts | what it declares |", "| --- | --- | --- | --- |"];
  for (const row of rows) {
    lines.push(
      `| \`${row.path}\` | ${row.required ? "yes" : "no"} | ${escapePipes(row.accepts)} | ${escapePipes(row.description)} |`,
    );
  }
  return lines.join("\n");
}
