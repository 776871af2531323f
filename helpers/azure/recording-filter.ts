/**
 * What a record-mode run keeps: only the exchanges with the APIs the smoke checks (ARM, the DCR's Logs Ingestion
 * endpoint, Log Analytics). Everything else the process sent while recording — above all the Entra ID sign-in
 * (login.microsoftonline.com token requests carry the client secret, their answers the tokens) and the managed
 * identity endpoint — is dropped before the recording is written; replays sign in with a placeholder token.
 */
import type { Har } from "har-format";
import { ARM_ENDPOINT } from "./api-versions.ts";

export const LOG_ANALYTICS_HOST = "api.loganalytics.io";

export function keepApiTraffic(har: Har, extraHosts: ReadonlyArray<string>): Har {
  const allowed = new Set([new URL(ARM_ENDPOINT).host, ...extraHosts.map((h) => h.toLowerCase())]);
  const entries = har.log.entries.filter((e) => allowed.has(new URL(e.request.url).host.toLowerCase()));
  return { ...har, log: { ...har.log, entries } };
}
