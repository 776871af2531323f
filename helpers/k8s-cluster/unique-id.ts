/**
 * Unique ids for what a smoke creates (marker files, traces): UTC stamp plus random hex, so parallel runs and
 * leftovers are traceable to a run. A replay reuses the id its recording holds (helpers/k8s-replay/recording.ts).
 */
import { randomBytes } from "node:crypto";

export function uniqueRunId(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
