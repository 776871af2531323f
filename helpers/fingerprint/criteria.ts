/**
 * The DEV-012 fingerprint criteria, applied to whichever Fingerprinter runs (built-in or the user's command):
 *   deterministic      the same input twice gives the same fingerprint
 *   key order          a copy with every object's keys reversed gives the same fingerprint
 *   volatile values    a copy with new run ids, timestamps, numbers, UUIDs and hex ids gives the same fingerprint
 *   error class        a copy raised as a different error class gives a different fingerprint
 *   pipeline           a copy from a different pipeline gives a different fingerprint
 * Each check returns the fingerprints it compared (for the evidence) or throws FingerprintCriterionError.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FingerprintCriterionError } from "./errors.ts";
import type { Fingerprinter } from "./fingerprinter.ts";
import type { IncidentInput } from "./incident-input.ts";
import { perturbVolatile, reorderKeys, withOtherErrorClass, withOtherPipeline } from "./variants.ts";

export interface CriteriaInput {
  fingerprinter: Fingerprinter;
  /** The runtime input file the smoke uses. */
  inputPath: string;
  input: IncidentInput;
  /** A temporary directory for variant files (the input itself is never changed). */
  workDir: string;
}

export type Fingerprints = Record<string, string>;

export interface Criterion {
  name: string;
  check: (c: CriteriaInput) => Promise<Fingerprints>;
}

export function writeVariant(workDir: string, name: string, value: unknown, compact = false): string {
  const path = join(workDir, `${name}.json`);
  writeFileSync(path, compact ? JSON.stringify(value) : `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

async function same(c: CriteriaInput, criterion: string, variant: string, path: string, why: string) {
  const original = await c.fingerprinter.fingerprint(c.inputPath);
  const other = await c.fingerprinter.fingerprint(path);
  const fingerprints = { original, [variant]: other };
  if (original !== other) throw new FingerprintCriterionError(criterion, why, fingerprints);
  return fingerprints;
}

async function different(c: CriteriaInput, criterion: string, variant: string, path: string, why: string) {
  const original = await c.fingerprinter.fingerprint(c.inputPath);
  const other = await c.fingerprinter.fingerprint(path);
  const fingerprints = { original, [variant]: other };
  if (original === other) throw new FingerprintCriterionError(criterion, why, fingerprints);
  return fingerprints;
}

export const deterministic: Criterion = {
  name: "deterministic across runs",
  check: async (c) => {
    const first = await c.fingerprinter.fingerprint(c.inputPath);
    const second = await c.fingerprinter.fingerprint(c.inputPath);
    const fingerprints = { first, second };
    if (first !== second) {
      throw new FingerprintCriterionError(
        "deterministic across runs",
        `two runs on ${c.inputPath} gave different fingerprints`,
        fingerprints,
      );
    }
    return fingerprints;
  },
};

export const keyOrder: Criterion = {
  name: "unchanged by key order",
  check: (c) =>
    same(
      c,
      "unchanged by key order",
      "reordered",
      writeVariant(c.workDir, "reordered-keys", reorderKeys(c.input), true),
      "the same incident with its JSON keys in reverse order got a different fingerprint",
    ),
};

export const volatileValues: Criterion = {
  name: "unchanged by volatile values",
  check: (c) =>
    same(
      c,
      "unchanged by volatile values",
      "new_occurrence",
      writeVariant(c.workDir, "new-occurrence", perturbVolatile(c.input)),
      "the same incident with new run ids, timestamps, numbers, UUIDs and hex ids got a different fingerprint",
    ),
};

export const otherErrorClass: Criterion = {
  name: "differs for a different error class",
  check: (c) =>
    different(
      c,
      "differs for a different error class",
      "other_error_class",
      writeVariant(c.workDir, "other-error-class", withOtherErrorClass(c.input)),
      "an incident with a different error class got the same fingerprint",
    ),
};

export const otherPipeline: Criterion = {
  name: "differs for a different pipeline",
  check: (c) =>
    different(
      c,
      "differs for a different pipeline",
      "other_pipeline",
      writeVariant(c.workDir, "other-pipeline", withOtherPipeline(c.input)),
      "an incident from a different pipeline got the same fingerprint",
    ),
};

export const FINGERPRINT_CRITERIA: ReadonlyArray<Criterion> = [
  deterministic,
  keyOrder,
  volatileValues,
  otherErrorClass,
  otherPipeline,
];
