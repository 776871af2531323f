/**
 * Which values file sets a rendered value, so a failing field of a Helm render names the file and key to edit
 * ("charts/podinfo/values-prod.yaml: image.tag") rather than the rendered output. Values files apply in order and the
 * last one that sets a key wins (helm's own merge order); the chart's own values.yaml is always first.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export interface ValuesFile {
  /** Absolute path. */
  file: string;
  /** Every scalar leaf: "image.tag" → "6.9.1", "extraArgs[0]" → "--x". */
  leaves: Map<string, string | number | boolean>;
}

export interface ValueLocation {
  file: string;
  field: string;
}

function flatten(value: unknown, prefix: string, into: Map<string, string | number | boolean>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      flatten(item, `${prefix}[${index}]`, into);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    into.set(prefix, value);
  }
}

export function readValuesFile(file: string): ValuesFile {
  const leaves = new Map<string, string | number | boolean>();
  flatten(parse(readFileSync(file, "utf8")) ?? {}, "", leaves);
  return { file, leaves };
}

/** The chart's values.yaml first (helm always applies it), then the declared files in order, each once. */
export function valuesChain(chart: string, declared: ReadonlyArray<string>): ValuesFile[] {
  const files = [join(chart, "values.yaml"), ...declared].filter((f, i, all) => all.indexOf(f) === i);
  return files.filter((f) => existsSync(f)).map(readValuesFile);
}

/** The last values file that sets `key`. */
export function keyOrigin(chain: ReadonlyArray<ValuesFile>, key: string): ValueLocation | undefined {
  for (const values of [...chain].reverse()) if (values.leaves.has(key)) return { file: values.file, field: key };
  return undefined;
}

/**
 * The values key that carries this rendered scalar: among the keys whose merged value equals it, the one set by the
 * latest file (ties: every matching key is named, first one first).
 */
export function valueOrigin(
  chain: ReadonlyArray<ValuesFile>,
  value: string | number | boolean,
): ValueLocation | undefined {
  const merged = new Map<string, string | number | boolean>();
  for (const values of chain) for (const [key, leaf] of values.leaves) merged.set(key, leaf);
  const keys = [...merged].filter(([, leaf]) => String(leaf) === String(value)).map(([key]) => key);
  if (keys.length === 0) return undefined;
  const origins = keys.map((key) => keyOrigin(chain, key) as ValueLocation);
  const latest = Math.max(...origins.map((o) => chain.findIndex((v) => v.file === o.file)));
  const chosen = origins.filter((o) => chain.findIndex((v) => v.file === o.file) === latest);
  return { file: chosen[0]?.file as string, field: chosen.map((o) => o.field).join(" / ") };
}

/**
 * Where the tag of `repository`'s image is set: a map whose `repository` (or `image`) is the repository, its sibling
 * `tag` key, in the latest file that sets it.
 */
export function imageTagOrigin(chain: ReadonlyArray<ValuesFile>, repository: string): ValueLocation | undefined {
  const prefixes = new Set<string>();
  for (const values of chain) {
    for (const [key, leaf] of values.leaves) {
      const match = /^(.*?)(?:^|\.)(repository|image|name)$/.exec(key);
      if (match && String(leaf) === repository) prefixes.add(key.slice(0, key.length - (match[2] as string).length));
    }
  }
  for (const prefix of prefixes) {
    const origin = keyOrigin(chain, `${prefix}tag`);
    if (origin) return origin;
  }
  const [first] = prefixes;
  return first !== undefined ? keyOrigin(chain, `${first}repository`) : undefined;
}
