/** Reads the JSONL records an app appended under a directory (every line must parse). */
import { readdirSync, readFileSync } from "node:fs";
import { join, matchesGlob } from "node:path";
import { SmokebookError } from "../errors.ts";

export interface RecordFile {
  file: string;
  records: Array<Record<string, unknown>>;
}

export class RecordParseError extends SmokebookError {
  constructor(file: string, line: number, cause: unknown) {
    super("RECORD_UNPARSEABLE", `${file}:${line} is not a JSON object line`, { cause });
  }
}

export function readRecords(dir: string, pattern: string): RecordFile[] {
  const files = readdirSync(dir)
    .filter((name) => matchesGlob(name, pattern))
    .sort();
  return files.map((name) => {
    const file = join(dir, name);
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    const records = lines.map((line, index) => {
      try {
        const value = JSON.parse(line) as unknown;
        if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch (error) {
        throw new RecordParseError(file, index + 1, error);
      }
      throw new RecordParseError(file, index + 1, undefined);
    });
    return { file, records };
  });
}

export function countRecords(files: ReadonlyArray<RecordFile>): number {
  return files.reduce((sum, f) => sum + f.records.length, 0);
}
