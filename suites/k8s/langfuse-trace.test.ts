// @module-tag k8s
/**
 * Seed 001 "Staging trace persistence + e2e trace storage smoke" (also the DEV-044 evidence hook "LangFuse
 * connected to dedicated DB with migration success"): keys from Secret LANGFUSE_SECRET_NAME, ingest a trace with a
 * unique id, fetch it (200), `rollout restart deployment/langfuse` and wait, fetch it again (200, same id).
 * JSON line: result, stage, ingest_http_code, fetch_before_http_code, fetch_after_http_code (appended to
 * LANGFUSE_TRACE_SMOKE_ARTIFACT_FILE when set). A failure names its stage. Destructive: it restarts LangFuse.
 *   RUN_LANGFUSE_TRACE_SMOKE=1 LANGFUSE_NAMESPACE=default npx vitest run suites/k8s/langfuse-trace.test.ts
 * Without the gate it replays fixtures/langfuse/trace.har; the self-tests replay the failing stages.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Har } from "har-format";
import { expect, it } from "vitest";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson, recordPoll, recordSection } from "../../helpers/evidence/record.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { clientsForKubeconfig } from "../../helpers/k8s-cluster/kube-client.ts";
import { describeSampleReplay, SAMPLE_REPLAYS } from "../../helpers/k8s-cluster/sample-replays.ts";
import { uniqueRunId } from "../../helpers/k8s-cluster/unique-id.ts";
import { loadK8sRecording, recordedId } from "../../helpers/k8s-replay/recording.ts";
import { withJsonAnswer, withTunnelAnswer } from "../../helpers/k8s-replay/recording-variants.ts";
import { startK8sReplay } from "../../helpers/k8s-replay/start-replay.ts";
import { jsonLine } from "../../helpers/langfuse/artifact.ts";
import { LangfuseTraceStageError, type TraceSmokeLine } from "../../helpers/langfuse/errors.ts";
import { readLangfuseEnv } from "../../helpers/langfuse/langfuse-env.ts";
import { langfuseTraceSmokeDefinition } from "../../helpers/langfuse/smokes.ts";
import { langfuseTraceSmoke } from "../../helpers/langfuse/trace-smoke.ts";
import type { PollLine } from "../../helpers/poll.ts";
import { saveHar } from "../../helpers/replay/har-file.ts";

const test = defineSmoke({
  ...langfuseTraceSmokeDefinition,
  recordings: { kube: langfuseTraceSmokeDefinition.recordings[0] as string },
  kube: { namespace: (env) => readLangfuseEnv(env).namespace },
  replay: SAMPLE_REPLAYS,
});

test("a trace ingested before rollout restart deployment/langfuse is readable after it", async ({
  kube,
  mode,
  annotate,
}) => {
  const ctx = { annotate };
  const env = readLangfuseEnv();
  const run = kube.recording ? undefined : uniqueRunId();
  const traceId = kube.recording ? recordedId(kube.recording, "traceId") : `smokebook-trace-${run}`;
  const eventId = kube.recording ? recordedId(kube.recording, "eventId") : `smokebook-event-${run}`;
  kube.noteIds({ traceId, eventId });
  await recordIds(ctx, { context: kube.clients.describe, namespace: env.namespace, trace_id: traceId });
  const polls: PollLine[] = [];
  try {
    const line = await langfuseTraceSmoke({
      clients: kube.clients,
      clock: kube.clock,
      waitTimeoutMs: readClusterEnv().waitTimeoutMs,
      onPoll: (l) => polls.push(l),
      env,
      traceId,
      eventId,
      allowBlankKeys: mode === "replay",
    });
    console.log(jsonLine(line));
    await recordJson(ctx, "langfuse-trace-smoke", line);
    await recordSection(ctx, "DEV-044 evidence (seed 001 DoD mapping)", dev044Evidence(line));
  } catch (error) {
    if (error instanceof LangfuseTraceStageError) {
      console.log(jsonLine(error.line));
      await recordJson(ctx, "langfuse-trace-smoke", error.line);
    }
    throw error;
  } finally {
    for (const line of polls) await recordPoll(ctx, line);
  }
}, 900_000);

/** The DoD rows seed 001 maps to this smoke's JSON line. */
function dev044Evidence(line: TraceSmokeLine): string {
  return [
    "| DoD item | evidence |",
    "| --- | --- |",
    `| DEV-044: LangFuse connected to dedicated DB with migration success | result:${line.result}, stage:${line.stage}, ingest_http_code=${line.ingest_http_code} |`,
    `| DEV-044: trace persistence after pod restart | trace_id ${line.trace_id}: fetch_before_http_code=${line.fetch_before_http_code}, fetch_after_http_code=${line.fetch_after_http_code} |`,
    `| DEV-044: staging end-to-end trace storage smoke | fetch_before_http_code=${line.fetch_before_http_code}, fetch_after_http_code=${line.fetch_after_http_code} |`,
  ].join("\n");
}

async function replayTrace(recording: string, artifact?: string) {
  await using replay = await startK8sReplay(recording);
  const env = readLangfuseEnv(artifact ? { LANGFUSE_TRACE_SMOKE_ARTIFACT_FILE: artifact } : {});
  return await langfuseTraceSmoke({
    clients: clientsForKubeconfig(replay.kubeconfigPath),
    clock: replay.clock,
    waitTimeoutMs: 300_000,
    env,
    traceId: recordedId(replay.recording, "traceId"),
    eventId: recordedId(replay.recording, "eventId"),
    allowBlankKeys: true,
  });
}

describeSampleReplay(
  "LangFuse trace persistence smoke against recordings (self-test)",
  {
    tags: ["k8s", "replay", "self-test"],
  },
  () => {
    const withTemp = async (fn: (dir: string) => Promise<void>) => {
      const dir = mkdtempSync(join(tmpdir(), "smokebook-langfuse-trace-"));
      try {
        await fn(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const captured = () => loadK8sRecording("fixtures/langfuse/trace.har").har;
    const variant = (dir: string, name: string, har: Har) => {
      const path = join(dir, `${name}.har`);
      saveHar(path, har);
      return path;
    };

    it("healthy: stage complete, ingest 207 (batch endpoint), fetch 200 before and after, line appended", () =>
      withTemp(async (dir) => {
        const file = join(dir, "trace.jsonl");
        const line = await replayTrace("fixtures/langfuse/trace.har", file);
        expect(line).toMatchObject({
          result: "pass",
          stage: "complete",
          ingest_http_code: 207,
          fetch_before_http_code: 200,
          fetch_after_http_code: 200,
        });
        expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(jsonLine(line)));
      }));

    it("LangFuse 503 after its restart fails stage fetch_after_restart with fetch_after_http_code 503", () =>
      withTemp(async (dir) => {
        const file = join(dir, "trace.jsonl");
        const attempt = replayTrace("fixtures/langfuse/trace-503-after-restart.har", file);
        await expect(attempt).rejects.toBeInstanceOf(LangfuseTraceStageError);
        await expect(attempt).rejects.toThrow(
          /stage "fetch_after_restart": trace smokebook-trace-\S+ not queryable after rollout restart deployment\/langfuse: not readable within 120s; last HTTP 503/,
        );
        await expect(attempt).rejects.toThrow(
          "rollback (seed 001): kubectl rollout undo deployment/langfuse -n default",
        );
        expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
          result: "fail",
          stage: "fetch_after_restart",
          ingest_http_code: 207,
          fetch_before_http_code: 200,
          fetch_after_http_code: 503,
        });
      }));

    it("a trace LangFuse never answers 200 for before the restart fails stage fetch_before_restart, with no rollback", () =>
      withTemp(async (dir) => {
        const file = join(dir, "trace.jsonl");
        const recording = variant(
          dir,
          "never-queryable",
          withTunnelAnswer(
            captured(),
            { method: "GET", path: /^\/api\/public\/traces\// },
            {
              status: 404,
              statusText: "Not Found",
              body: '{"message":"Trace not found","error":"LangfuseNotFoundError"}',
            },
          ),
        );
        const attempt = replayTrace(recording, file);
        await expect(attempt).rejects.toBeInstanceOf(LangfuseTraceStageError);
        await expect(attempt).rejects.toMatchObject({ stage: "fetch_before_restart" });
        await expect(attempt).rejects.toThrow(
          /^stage "fetch_before_restart": trace smokebook-trace-\S+ not queryable before the restart: not readable within 120s; last HTTP 404$/,
        );
        expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
          result: "fail",
          stage: "fetch_before_restart",
          ingest_http_code: 207,
          fetch_before_http_code: 404,
          fetch_after_http_code: null,
        });
      }));

    it("a Secret without langfuse-secret-key fails stage credentials, naming the key", () =>
      withTemp(async (dir) => {
        const recording = variant(
          dir,
          "no-secret-key",
          withJsonAnswer(captured(), "GET", "/api/v1/namespaces/default/secrets/langfuse-secrets", (secret) => {
            const s = secret as { data: Record<string, string> };
            delete s.data["langfuse-secret-key"];
            return s;
          }),
        );
        const attempt = replayTrace(recording);
        await expect(attempt).rejects.toMatchObject({
          stage: "credentials",
          line: { stage: "credentials", ingest_http_code: null },
        });
        await expect(attempt).rejects.toThrow(/Secret default\/langfuse-secrets lacks key\(s\) langfuse-secret-key/);
      }));

    it("an ingest refused with 401 fails stage ingest with ingest_http_code 401", () =>
      withTemp(async (dir) => {
        const recording = variant(
          dir,
          "ingest-401",
          withTunnelAnswer(
            captured(),
            { method: "POST", path: /^\/api\/public\/ingestion$/ },
            { status: 401, statusText: "Unauthorized", body: '{"message":"Invalid public or secret key"}' },
          ),
        );
        const attempt = replayTrace(recording);
        await expect(attempt).rejects.toMatchObject({
          stage: "ingest",
          line: { ingest_http_code: 401, fetch_before_http_code: null },
        });
        await expect(attempt).rejects.toThrow(/stage "ingest": public ingestion failed: HTTP 401/);
      }));
  },
);
