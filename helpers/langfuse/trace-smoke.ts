/**
 * Seed 001 "Staging trace persistence + e2e trace storage smoke" (and the DEV-044 evidence hook): keys from the
 * Secret, ingest a trace with a unique id, fetch it (200), `rollout restart deployment/langfuse` and wait for it,
 * fetch it again (200, same id). Stages: credentials → ingest → fetch_before_restart → fetch_after_restart →
 * complete. The JSON line is returned (pass) or thrown inside LangfuseTraceStageError (fail), and appended to
 * LANGFUSE_TRACE_SMOKE_ARTIFACT_FILE either way. Fetches poll with a deadline (ingestion is asynchronous, and a
 * restarted LangFuse may answer 503 for a while); every poll is logged.
 */
import type { Clock } from "../clock.ts";
import type { WaitContext } from "../k8s-cluster/check-context.ts";
import { rolloutRestart } from "../k8s-cluster/rollout.ts";
import { httpThrough } from "../k8s-cluster/tunnel-http.ts";
import { type PollLine, PollTimeoutError, pollUntil } from "../poll.ts";
import { appendArtifactLine } from "./artifact.ts";
import { readLangfuseKeys } from "./credentials.ts";
import { LangfuseTraceStageError, type TraceSmokeLine, type TraceStage } from "./errors.ts";
import { ingestionBatch, ingestionVerdict } from "./ingestion.ts";
import { LANGFUSE_DEPLOYMENT, type LangfuseEnv } from "./langfuse-env.ts";
import { openLangfuseTunnel } from "./langfuse-tunnel.ts";

export interface TraceSmokeOptions extends WaitContext {
  env: LangfuseEnv;
  traceId: string;
  eventId: string;
  /** Replays: the recording's Secret values are blank. */
  allowBlankKeys?: boolean;
}

const FETCH_INTERVAL_MS = 5000;

/** Seed 001 "Rollback" step 1, for the namespace the smoke restarted LangFuse in. */
export function rollbackHint(namespace: string): string {
  return (
    `rollback (seed 001): kubectl rollout undo deployment/${LANGFUSE_DEPLOYMENT} -n ${namespace} && ` +
    `kubectl rollout status deployment/${LANGFUSE_DEPLOYMENT} -n ${namespace}`
  );
}

async function fetchTrace(
  o: TraceSmokeOptions,
  authorization: string,
  stage: TraceStage,
  onPoll: ((line: PollLine) => void) | undefined,
): Promise<{ status: number; detail: string }> {
  await using tunnel = await openLangfuseTunnel(o, o.env.namespace);
  let last = { status: 0, detail: "" };
  const path = `/api/public/traces/${encodeURIComponent(o.traceId)}`;
  try {
    await pollUntil({
      condition: `GET ${path} answers 200 with id ${o.traceId} (${stage})`,
      probe: async () => {
        const r = await httpThrough(tunnel, { path, headers: { authorization, accept: "application/json" } });
        let id: string | undefined;
        try {
          id = (JSON.parse(r.body.toString("utf8")) as { id?: string }).id;
        } catch {
          id = undefined;
        }
        last = { status: r.status, detail: id === undefined ? r.body.toString("utf8").slice(0, 120) : `id ${id}` };
        return { status: r.status, id };
      },
      done: (v) => v.status === 200 && v.id === o.traceId,
      describe: (v) => `HTTP ${v.status}${v.id ? ` id ${v.id}` : ""}`,
      intervalMs: FETCH_INTERVAL_MS,
      timeoutMs: o.env.fetchTimeoutMs,
      clock: o.clock,
      ...(onPoll ? { onPoll } : {}),
    });
  } catch (error) {
    if (!(error instanceof PollTimeoutError)) throw error;
    last.detail = `not readable within ${error.budgetSeconds}s; last ${error.lastState}`;
  }
  return last;
}

export async function langfuseTraceSmoke(o: TraceSmokeOptions): Promise<TraceSmokeLine> {
  const clock: Clock = o.clock;
  const line: TraceSmokeLine = {
    utc: new Date(clock.now()).toISOString(),
    namespace: o.env.namespace,
    trace_id: o.traceId,
    result: "fail",
    stage: "credentials",
    ingest_http_code: null,
    fetch_before_http_code: null,
    fetch_after_http_code: null,
  };
  const fail = (stage: TraceStage, detail: string, cause?: unknown): never => {
    line.stage = stage;
    line.detail = detail;
    appendArtifactLine(o.env.traceArtifactFile, line);
    // This smoke restarted LangFuse itself: after the restart, say how to roll back (seed 001 "Rollback").
    const message = stage === "fetch_after_restart" ? `${detail}\n  ${rollbackHint(o.env.namespace)}` : detail;
    throw new LangfuseTraceStageError({ ...line }, message, cause === undefined ? undefined : { cause });
  };
  const attempt = async <T>(stage: TraceStage, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof LangfuseTraceStageError) throw error;
      return fail(stage, error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error), error);
    }
  };

  const keys = await attempt("credentials", () =>
    readLangfuseKeys(o, o.env.namespace, o.env.secretName, o.allowBlankKeys),
  );

  const ingest = await attempt("ingest", async () => {
    await using tunnel = await openLangfuseTunnel(o, o.env.namespace);
    return await httpThrough(tunnel, {
      method: "POST",
      path: "/api/public/ingestion",
      headers: { authorization: keys.authorization, "content-type": "application/json", accept: "application/json" },
      body: ingestionBatch(o.traceId, o.eventId, line.utc),
    });
  });
  line.ingest_http_code = ingest.status;
  const verdict = ingestionVerdict(ingest.status, ingest.body.toString("utf8"), o.eventId);
  if (!verdict.ok) fail("ingest", `public ingestion failed: ${verdict.detail}`);

  const before = await attempt("fetch_before_restart", () =>
    fetchTrace(o, keys.authorization, "fetch_before_restart", o.onPoll),
  );
  line.fetch_before_http_code = before.status;
  if (before.status !== 200)
    fail("fetch_before_restart", `trace ${o.traceId} not queryable before the restart: ${before.detail}`);

  await attempt("fetch_after_restart", async () => {
    try {
      await rolloutRestart(o, o.env.namespace, LANGFUSE_DEPLOYMENT);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`rollout restart deployment/${LANGFUSE_DEPLOYMENT} did not complete: ${why}`, { cause: error });
    }
  });
  const after = await attempt("fetch_after_restart", () =>
    fetchTrace(o, keys.authorization, "fetch_after_restart", o.onPoll),
  );
  line.fetch_after_http_code = after.status;
  if (after.status !== 200) {
    fail(
      "fetch_after_restart",
      `trace ${o.traceId} not queryable after rollout restart deployment/${LANGFUSE_DEPLOYMENT}: ${after.detail}`,
    );
  }

  line.stage = "complete";
  line.result = "pass";
  appendArtifactLine(o.env.traceArtifactFile, line);
  return line;
}
