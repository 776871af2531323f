import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Har } from "har-format";
import { afterAll, describe, expect, it } from "vitest";
import { loadK8sRecording, recordedId } from "../k8s-replay/recording.ts";
import { withFailuresBefore } from "../k8s-replay/recording-variants.ts";
import { startK8sReplay } from "../k8s-replay/start-replay.ts";
import { readLangfuseEnv } from "../langfuse/langfuse-env.ts";
import { langfuseTraceSmoke } from "../langfuse/trace-smoke.ts";
import type { PollLine } from "../poll.ts";
import { saveHar } from "../replay/har-file.ts";
import { runClusterCriteria } from "./cluster-smoke.ts";
import { readDeployment } from "./deployment-check.ts";
import { ClusterCheckError } from "./errors.ts";
import { clientsForKubeconfig } from "./kube-client.ts";
import { replayTarget } from "./target.ts";

const dir = mkdtempSync(join(tmpdir(), "smokebook-read-retry-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;
const variant = (har: Har) => {
  const path = join(dir, `variant-${written++}.har`);
  saveHar(path, har, {});
  return path;
};

const DEPLOYMENT = "/apis/apps/v1/namespaces/observer-prod/deployments/observer";
const healthy = () => loadK8sRecording("fixtures/k8s-cluster/healthy.har").har;

async function replayDeploymentRead(har: Har, waitTimeoutMs = 300_000) {
  await using replay = await startK8sReplay(variant(har));
  const polls: PollLine[] = [];
  const ctx = {
    clients: clientsForKubeconfig(replay.kubeconfigPath),
    target: replayTarget(),
    clock: replay.clock,
    waitTimeoutMs,
    onPoll: (line: PollLine) => polls.push(line),
  };
  const attempt = readDeployment(ctx).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  const outcome = await attempt;
  const reads = replay.server.served.filter((s) => s.key === `GET ${DEPLOYMENT}`).length;
  return { ...outcome, polls, reads, slept: replay.clock.slept };
}

describe("one-shot K8s reads are retried while Transient, within the wait budget, on the replay's clock", () => {
  it("a Deployment read answered 503 then 200 succeeds after one back-off; every criterion still passes", async () => {
    const har = withFailuresBefore(healthy(), DEPLOYMENT, [503]);
    const read = await replayDeploymentRead(har);
    expect(read.error).toBeUndefined();
    expect(read.value?.metadata?.name).toBe("observer");
    expect(read.reads).toBe(2);
    expect(read.slept).toBe(1000);
    expect(read.polls).toEqual([
      expect.objectContaining({
        attempt: 1,
        condition: "read deployment observer-prod/observer",
        state: expect.stringMatching(/failed \(Transient, HTTP 503 ServiceUnavailable\).* — retrying in 1s$/),
      }),
    ]);

    await using replay = await startK8sReplay(variant(har));
    const { outcomes } = await runClusterCriteria({
      clients: clientsForKubeconfig(replay.kubeconfigPath),
      target: replayTarget(),
      clock: replay.clock,
      waitTimeoutMs: 300_000,
    });
    expect(outcomes.filter((o) => !o.passed).map((o) => String(o.error))).toEqual([]);
  });

  it("self-test: a 403 fails the read at once (Permanent), naming the deployment and the status", {
    tags: ["self-test"],
  }, async () => {
    const read = await replayDeploymentRead(withFailuresBefore(healthy(), DEPLOYMENT, [403]));
    expect(read.error).toBeInstanceOf(ClusterCheckError);
    expect(read.error).toMatchObject({ code: "K8S_DEPLOYMENT_UNAVAILABLE", criterion: "Deployment is available" });
    expect(String(read.error)).toMatch(
      /Deployment is available: read deployment observer-prod\/observer failed \(Permanent, HTTP 403 Forbidden\)/,
    );
    expect(read.reads).toBe(1);
    expect(read.slept).toBe(0);
  });

  it("self-test: a read that keeps answering 503 fails Transient when the budget runs out, after its retries", {
    tags: ["self-test"],
  }, async () => {
    const read = await replayDeploymentRead(withFailuresBefore(healthy(), DEPLOYMENT, [503], true), 10_000);
    expect(String(read.error)).toMatch(/read deployment observer-prod\/observer failed \(Transient, HTTP 503/);
    // Back-off 1 s, 2 s, 4 s; the next 8 s would pass the 10 s budget.
    expect(read.slept).toBe(7000);
    expect(read.reads).toBe(4);
    expect(read.polls.map((p) => p.attempt)).toEqual([1, 2, 3]);
  });

  it("the LangFuse trace smoke's Secret read answered 500 then 200 still completes", async () => {
    const source = loadK8sRecording("fixtures/langfuse/trace.har");
    await using replay = await startK8sReplay(
      variant(withFailuresBefore(source.har, "/api/v1/namespaces/default/secrets/langfuse-secrets", [500])),
    );
    const line = await langfuseTraceSmoke({
      clients: clientsForKubeconfig(replay.kubeconfigPath),
      clock: replay.clock,
      waitTimeoutMs: 300_000,
      env: readLangfuseEnv({}),
      traceId: recordedId(replay.recording, "traceId"),
      eventId: recordedId(replay.recording, "eventId"),
      allowBlankKeys: true,
    });
    expect(line).toMatchObject({ stage: "complete", result: "pass" });
    expect(replay.server.served.filter((s) => s.key.includes("/secrets/langfuse-secrets"))).toHaveLength(2);
  });
});
