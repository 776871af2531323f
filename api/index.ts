/**
 * smokebook: infrastructure runbook smokes as vitest suites. The root entry holds what every smoke uses; each
 * system has its own entry (smokebook/http, smokebook/databricks, smokebook/k8s, smokebook/docker) and the vitest
 * config is smokebook/config. Anything else is internal.
 */
export type { Clock } from "../helpers/clock.ts";
export { systemClock, VirtualClock } from "../helpers/clock.ts";
export type {
  Check,
  CheckResults,
  Shared,
  SharedContext,
  SharedOptions,
} from "../helpers/define-smoke/block-state.ts";
export { PrerequisiteError } from "../helpers/define-smoke/block-state.ts";
export type {
  GroupOptions,
  SmokeCheck,
  SmokeFixtures,
  SmokeSpec,
  SmokeTest,
} from "../helpers/define-smoke/define-smoke.ts";
export { defineSmoke } from "../helpers/define-smoke/define-smoke.ts";
export type { SettingsInput } from "../helpers/define-smoke/smoke-scope.ts";
export { EnvValueError, SmokebookError, StrictSkipError } from "../helpers/errors.ts";
export type { EvidenceRecorder } from "../helpers/evidence/evidence-recorder.ts";
export { markdownTable } from "../helpers/evidence/markdown-table.ts";
export type { Env, RunMode, SmokeDefinition } from "../helpers/gates.ts";
export { decideMode, readSwitch } from "../helpers/gates.ts";
export type { PollLine, PollOptions } from "../helpers/poll.ts";
export { PollTimeoutError, pollUntil } from "../helpers/poll.ts";
export { redactText, registerSecret } from "../helpers/redact.ts";
export { skipOrFail } from "../helpers/smoke.ts";
export type { Budget, HttpWait, Waits } from "../helpers/wait/waits.ts";
