/**
 * Where SMOKEBOOK_MODE=record writes a smoke's recording: over the recording path the smoke declares
 * (fixtures/<smoke>/…, so the next replay uses it), or under SMOKEBOOK_RECORD_DIR when that is set
 * (same relative path), to review a recording before replacing the committed one.
 */
import { isAbsolute, resolve } from "node:path";
import type { Env } from "../gates.ts";
import { fromProject } from "../paths.ts";

export function recordTarget(recording: string, env: Env = process.env): string {
  const dir = env.SMOKEBOOK_RECORD_DIR?.trim();
  if (isAbsolute(recording)) return recording;
  return dir ? resolve(dir, recording) : fromProject(recording);
}
