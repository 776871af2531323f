/**
 * DEV-019 watchdog serverless smoke: the runbook's submit shape (serverless only; environment_key +
 * environments[].spec with client "1" and the pinned dependencies; --target-pipelines / --langfuse-host), polled
 * every 20 s up to 900 s. Success: parent and task run TERMINATED + SUCCESS, get-run-output without `error`.
 */
import type { jobs } from "@databricks/sdk-experimental";
import type { SmokeDefinition } from "../gates.ts";
import { callWithin } from "./api-call.ts";
import { databricksLive } from "./credentials.ts";
import { currentUser } from "./current-user.ts";
import { DEV019_DEPENDENCIES, type Dev019Config, defaultWrapperPath } from "./dev019-config.ts";
import { type RunSmokeOptions, type RunSmokeResult, runServerless } from "./run-smoke.ts";
import { buildServerlessSubmit, SUBMIT_VOLATILE_FIELDS, uniqueRunName } from "./serverless-submit.ts";
import type { DatabricksSession, SmokeRecordingProfile } from "./session.ts";

export const DEV019_RECORDING = "fixtures/dev019-watchdog/pass.har";

export const dev019Smoke: SmokeDefinition = {
  name: "DEV-019 watchdog serverless smoke",
  gate: "RUN_DEV019_WATCHDOG_SMOKE",
  ...databricksLive(),
  recordings: [DEV019_RECORDING],
  tags: ["databricks"],
};

/** Its recordings poll (20 s / 900 s by default) and may differ only in the run name's unique suffix. */
export const dev019Recording: SmokeRecordingProfile = {
  smoke: dev019Smoke.name,
  volatile: SUBMIT_VOLATILE_FIELDS,
  polls: true,
};

export const DEV019_LABEL = "DEV-019";

export function dev019Payload(config: Dev019Config, wrapperPath: string, now: Date): jobs.SubmitRun {
  const runName = uniqueRunName("dev019_smoke_test_serverless", now);
  return buildServerlessSubmit({
    runName,
    idempotencyToken: runName,
    taskKey: "watchdog_smoke_serverless",
    environmentKey: "smoke_serverless",
    spec: { client: "1", dependencies: [...DEV019_DEPENDENCIES] },
    pythonFile: wrapperPath,
    source: "WORKSPACE",
    parameters: ["--target-pipelines", config.targetPipelines, "--langfuse-host", config.langfuseHost],
  });
}

export interface WrapperLocation {
  path: string;
  source: "DEV019_WRAPPER_PATH" | "current user";
}

/** DEV019_WRAPPER_PATH, or the runbook's /Users/<user>/… path for the user the credentials act as. */
export async function resolveWrapperPath(session: DatabricksSession, config: Dev019Config): Promise<WrapperLocation> {
  if (config.wrapperPath) return { path: config.wrapperPath, source: "DEV019_WRAPPER_PATH" };
  const me = await currentUser(session.client, callWithin(session.clock, 60_000));
  if (!me.userName) throw new Error("current-user me answered without userName; set DEV019_WRAPPER_PATH");
  return { path: defaultWrapperPath(me.userName), source: "current user" };
}

export interface Dev019Result extends RunSmokeResult {
  wrapper: WrapperLocation;
}

export async function runDev019(
  session: DatabricksSession,
  config: Dev019Config,
  options: Omit<RunSmokeOptions, "poll">,
): Promise<Dev019Result> {
  const wrapper = await resolveWrapperPath(session, config);
  const payload = dev019Payload(config, wrapper.path, new Date(session.clock.now()));
  options.observer?.log?.(
    `wrapper ${wrapper.path} (from ${wrapper.source}); poll ${config.poll.intervalMs / 1000}s up to ${config.poll.timeoutMs / 1000}s (${config.poll.source})`,
  );
  const result = await runServerless(session, payload, { ...options, poll: config.poll });
  return { ...result, wrapper };
}
