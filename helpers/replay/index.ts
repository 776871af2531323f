/**
 * HAR replay and recording for smokes whose systems cannot run here (Databricks, remote APIs).
 *
 * Replay (in-process, MSW intercepts node:http / fetch / XHR):
 *   using replay = startReplay("fixtures/dev019-watchdog/pass.har");
 *   … run the code under test (its HTTP may go to any host; aim clients at REPLAY_ORIGIN, http://127.0.0.1:4) …
 *   replay.observed;          // every request seen: method, target (path?query), body, entryIndex
 *   replay.assertComplete();  // throws ReplayMismatchError: requests not recorded / recorded ones never made
 * Entries are served in recording order to requests with the same method + path + query; where an entry recorded
 * a JSON body the request's body must match it, except for the volatile fields given in the options
 * (startReplay(path, { volatile: [{ path: "run_name", pattern: /-\d{8}T\d{6}Z-\w{4}$/ }] })). A request the
 * recording lacks (or whose body differs, naming the field) gets a 400 whose message names it (Permanent, so
 * callers fail fast). Replays never sleep:
 * drive waits with a VirtualClock (helpers/clock.ts), started at harStart(replay.har) if you like.
 *
 * Replay over a real socket (a fake remote on 127.0.0.1 for live-mode code paths):
 *   await using server = await serveLedger(new ReplayLedger(loadHar(path), "name"));
 *   … DATABRICKS_HOST=server.url … ; server.authorizations; ledger.assertComplete();
 *
 * Record (SMOKEBOOK_MODE=record):
 *   using recorder = startRecorder({ comment: "DEV-019 watchdog smoke, recorded live" });
 *   … run live …
 *   recorder.save(recordTarget("fixtures/dev019-watchdog/pass.har"));  // redacted HAR 1.2
 *
 * Files: loadHar / saveHar / redactHar / validateHar (har-file.ts), harEntry / harLog (har-builder.ts).
 * Only one replay or recorder may intercept per process at a time (REPLAY_BUSY otherwise).
 */
export { bodyDifference, isJsonBody, maskVolatile, type VolatileField } from "./body-diff.ts";
export { HarFormatError, ReplayMismatchError } from "./errors.ts";
export { type EntryInit, harEntry, harLog, harStart, statusTextFor } from "./har-builder.ts";
export { loadHar, redactHar, saveHar, validateHar } from "./har-file.ts";
export { type LoopbackServer, serveLedger } from "./loopback-server.ts";
export {
  claimInterception,
  type HarReplay,
  REPLAY_ORIGIN,
  type ReplayOptions,
  recordingPath,
  startReplay,
} from "./msw-replay.ts";
export { recordTarget } from "./record-target.ts";
export { type HarRecorder, type RecorderOptions, startRecorder } from "./recorder.ts";
export { failedRecordingPath, type RecordingResult, saveRecording } from "./recording-result.ts";
export { describeObserved, type LedgerOptions, type ObservedRequest, ReplayLedger } from "./replay-ledger.ts";
export { responseFor, UNRECORDED_ERROR_CODE, unrecordedResponse } from "./replay-response.ts";
