/**
 * Self-tests break a copy of a dataset, never the committed one (fixtures are read-only): copyDataset makes a temp
 * copy, editTable changes one table's rows in it. Works for .csv and .json table files alike.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { csvRecords, formatRecords } from "./csv.ts";
import { tableFile } from "./dataset.ts";
import type { TableName } from "./tables.ts";

export interface DatasetCopy extends Disposable {
  dir: string;
  remove(): void;
}

export function copyDataset(source: string): DatasetCopy {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-pipelines-dataset-"));
  cpSync(source, dir, { recursive: true });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  return { dir, remove, [Symbol.dispose]: remove };
}

/** A table row as text: CSV fields are strings ("" = NULL); JSON values keep their JSON types. */
export type EditableRow = Record<string, unknown>;

export function editTable(dir: string, table: TableName, edit: (rows: EditableRow[]) => EditableRow[]): void {
  const file = tableFile(dir, table);
  const text = readFileSync(file.path, "utf8");
  if (file.format === "json") {
    const rows = JSON.parse(text) as EditableRow[];
    writeFileSync(file.path, `${JSON.stringify(edit(rows), null, 2)}\n`);
    return;
  }
  const { header, records } = csvRecords(text);
  const edited = edit(records).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : String(v)])),
  );
  writeFileSync(file.path, formatRecords(header, edited));
}

export function setManifest(dir: string, patch: Record<string, unknown>): void {
  const path = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...manifest, ...patch }, null, 2)}\n`);
}
