/**
 * What an app wrote under its runtime root outside the places the contract gives it: entries beside the contract
 * directories, and record files (the contract's records pattern) in a contract directory other than the records one.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, join, matchesGlob } from "node:path";
import type { Contract } from "../contract/schema.ts";

/** Paths relative to the root, sorted: "observations.jsonl", "cache/", "logs/observations.jsonl". */
export function strayFiles(root: string, contract: Contract): string[] {
  const directories = Object.keys(contract.paths?.directories ?? {});
  const stray: string[] = [];
  for (const entry of readdirSync(root)) {
    if (directories.includes(entry)) continue;
    stray.push(statSync(join(root, entry)).isDirectory() ? `${entry}/` : entry);
  }
  const records = contract.app?.records;
  for (const dir of records ? directories.filter((d) => d !== records.directory) : []) {
    const files = readdirSync(join(root, dir), { recursive: true, encoding: "utf8" });
    for (const file of files) {
      if (statSync(join(root, dir, file)).isFile() && matchesGlob(basename(file), records?.pattern ?? ""))
        stray.push(`${dir}/${file}`);
    }
  }
  return stray.sort();
}
