/**
 * A ReplayLedger over one or more Databricks recordings, with the volatile body fields their log.comment names
 * (recording-meta.ts): what a fake workspace on loopback serves to a live-mode run (serveLedger).
 */
import type { Entry } from "har-format";
import { loadHar, ReplayLedger, recordingPath, type VolatileField } from "../replay/index.ts";
import { readRecordingMeta, volatileFields } from "./recording-meta.ts";

export function recordingLedger(recordings: ReadonlyArray<string>, source: string): ReplayLedger {
  const entries: Entry[] = [];
  const volatile: VolatileField[] = [];
  for (const recording of recordings) {
    const { absolute, shown } = recordingPath(recording);
    const har = loadHar(absolute, shown);
    entries.push(...har.log.entries);
    const meta = readRecordingMeta(har, shown);
    if (meta) volatile.push(...volatileFields(meta));
  }
  return new ReplayLedger(
    { log: { version: "1.2", creator: { name: "smokebook", version: "0.1.0" }, entries } },
    source,
    {
      volatile,
    },
  );
}
