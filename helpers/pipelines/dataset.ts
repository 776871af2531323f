/**
 * A dataset is a folder with one file per table, named <schema>.<table>.csv or <schema>.<table>.json, plus a
 * manifest.json that freezes the dataset's reference time: a snapshot of tables is only "fresh" or "stale" relative
 * to the moment it stands for, so the moment travels with the data (PIPELINES_NOW still overrides it).
 *
 * PIPELINES_DATASET_DIR (absolute, or relative to the repository root) points at another dataset with this layout;
 * the default is fixtures/pipelines/good.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import type { Env } from "../gates.ts";
import { repoRoot } from "../paths.ts";
import { PipelinesDatasetError } from "./errors.ts";
import type { TableName } from "./tables.ts";

export const DEFAULT_DATASET_DIR = "fixtures/pipelines/good";
export const MANIFEST_FILE = "manifest.json";

const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, "an ISO-8601 UTC instant ending in Z");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a YYYY-MM-DD date");

const manifestSchema = z.object({
  /** The "now" the dataset stands for (UTC). */
  reference_now_utc: isoInstant,
  /** The run id whose gold outputs the dataset holds (gold verification, runbook §5.3). */
  run_id: z.string().min(1),
  /** Optional backfill window the dataset was produced for; the default is the previous KST day (D-035). */
  date_kst_start: isoDate.optional(),
  date_kst_end: isoDate.optional(),
  description: z.string().optional(),
});

export type DatasetManifest = z.infer<typeof manifestSchema>;

export function resolveDatasetDir(env: Env = process.env): string {
  const chosen = env.PIPELINES_DATASET_DIR?.trim();
  return resolve(repoRoot, chosen ? chosen : DEFAULT_DATASET_DIR);
}

/** The dataset folder as the evidence shows it: relative to the repository when inside it. */
export function displayPath(dir: string): string {
  const rel = relative(repoRoot, dir);
  return rel && !rel.startsWith("..") ? rel : dir;
}

export function readManifest(dir: string): DatasetManifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path))
    throw new PipelinesDatasetError(path, "manifest.json is missing (it holds reference_now_utc and run_id)");
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new PipelinesDatasetError(path, "is not valid JSON", { cause: error });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new PipelinesDatasetError(path, issues);
  }
  return parsed.data;
}

export interface TableFile {
  path: string;
  format: "csv" | "json";
}

export function tableFile(dir: string, table: TableName): TableFile {
  const csv = join(dir, `${table}.csv`);
  const json = join(dir, `${table}.json`);
  const hasCsv = existsSync(csv);
  const hasJson = existsSync(json);
  if (hasCsv && hasJson) throw new PipelinesDatasetError(dir, `both ${table}.csv and ${table}.json exist; keep one`);
  if (hasCsv) return { path: csv, format: "csv" };
  if (hasJson) return { path: json, format: "json" };
  throw new PipelinesDatasetError(dir, `no file for table ${table} (expected ${table}.csv or ${table}.json)`);
}
