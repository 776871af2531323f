/**
 * smokebook/databricks: the `databricks` session's client and the run helpers the seed smokes use (smokebook's own
 * poller on runs/get, the run criteria, the run evidence).
 */
export { awaitRun, formatPollLine } from "../helpers/databricks/await-run.ts";
export { createWorkspaceClient } from "../helpers/databricks/client.ts";
export type { PollDefaults, PollSettings } from "../helpers/databricks/poll-settings.ts";
export { readPollSettings } from "../helpers/databricks/poll-settings.ts";
export { assertNoOutputError, assertRunSucceeded, keyLogLines } from "../helpers/databricks/run-criteria.ts";
export { recordOutputs, recordRunIds, recordRunSummary } from "../helpers/databricks/run-evidence.ts";
export type { Run } from "../helpers/databricks/run-state.ts";
export { describeRunState, isTerminal } from "../helpers/databricks/run-state.ts";
export type { DatabricksSession, SmokeRecordingProfile } from "../helpers/databricks/session.ts";
export type { DatabricksSessionSpec } from "../helpers/define-smoke/session-openers.ts";
