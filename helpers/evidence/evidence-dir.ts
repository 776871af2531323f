/** Where an evidence bundle goes: SMOKEBOOK_EVIDENCE_DIR, else evidence/<UTC timestamp>/ (git-ignored). */
import { resolve } from "node:path";
import type { Env } from "../gates.ts";
import { fromProject } from "../paths.ts";

export function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

export function evidenceDir(env: Env = process.env, now = new Date()): string {
  const chosen = env.SMOKEBOOK_EVIDENCE_DIR;
  if (chosen && chosen.trim() !== "") return resolve(chosen);
  return fromProject("evidence", utcStamp(now));
}
