// @module-tag k8s
/**
 * Seed 004 §3.3 — the K8s stage against a cluster: every PVC Bound, the Deployment available, its pods Running
 * 1/1 with 0 restarts, the contract's ConfigMaps/Secrets present (keys only), the Service exposing the contract port
 * and selecting the pods, /health 200 through a port-forward. A failure attaches diagnostics (describe-like status,
 * events, log tails) classified as in §6.1 step 4.
 *   RUN_K8S_CLUSTER_SMOKE=1 npx vitest run suites/k8s/cluster.test.ts      (KUBECONFIG / current context)
 * Without the gate (or without a usable kubeconfig) it replays fixtures/k8s-cluster/healthy.har against the embedded
 * target fixtures/target — the recording answers only for it — and fails when the run leaves a recorded request
 * unused; the self-test below replays a variant whose /health answers 503, and k8s-scenarios-replay.test.ts replays the
 * captured failure recordings.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { CLUSTER_CRITERIA, ClusterRun, runClusterCriteria } from "../../helpers/k8s-cluster/cluster-smoke.ts";
import type { ClusterConnection } from "../../helpers/k8s-cluster/connect.ts";
import { runCriterionWithEvidence } from "../../helpers/k8s-cluster/criterion-evidence.ts";
import { HEALTH_CRITERION } from "../../helpers/k8s-cluster/health-check.ts";
import { clientsForKubeconfig } from "../../helpers/k8s-cluster/kube-client.ts";
import { describeSampleReplay, SAMPLE_REPLAYS } from "../../helpers/k8s-cluster/sample-replays.ts";
import { k8sClusterSmoke } from "../../helpers/k8s-cluster/smokes.ts";
import { clusterTargetFor, replayTarget } from "../../helpers/k8s-cluster/target.ts";
import { loadK8sRecording } from "../../helpers/k8s-replay/recording.ts";
import { withTunnelAnswer } from "../../helpers/k8s-replay/recording-variants.ts";
import { isKubectlOnlyKey } from "../../helpers/k8s-replay/request-key.ts";
import { startK8sReplay } from "../../helpers/k8s-replay/start-replay.ts";
import type { PollLine } from "../../helpers/poll.ts";
import { saveHar } from "../../helpers/replay/har-file.ts";

// The kube session is finished after the last criterion: a replay must have used its whole recording when every
// criterion ran (not under -t or a bail); a recording replaces the committed one only when every criterion ran and
// passed, otherwise it is kept as .failed.har.
const test = defineSmoke({
  ...k8sClusterSmoke,
  recordings: { kube: k8sClusterSmoke.recordings[0] as string },
  kube: { namespace: (_env, mode) => clusterTargetFor(mode).namespace },
  replay: SAMPLE_REPLAYS,
});

/** One ClusterRun per block (deployment facts and diagnostics read once), and the poll lines not yet recorded. */
const cluster = test.shared("the cluster run", ({ mode }) => {
  const polls: PollLine[] = [];
  let run: ClusterRun | undefined;
  const runOn = (kube: ClusterConnection) => {
    run ??= new ClusterRun({
      clients: kube.clients,
      target: clusterTargetFor(mode),
      clock: kube.clock,
      waitTimeoutMs: readClusterEnv().waitTimeoutMs,
      onPoll: (line) => polls.push(line),
    });
    return run;
  };
  return { polls, runOn };
});

for (const criterion of CLUSTER_CRITERIA) {
  test(criterion.name, async ({ kube, shared, annotate }) => {
    const { polls, runOn } = await shared(cluster);
    await runCriterionWithEvidence({ annotate }, runOn(kube), criterion, polls);
  }, 900_000);
}

describeSampleReplay(
  "K8s cluster stage against recordings (self-test)",
  { tags: ["k8s", "replay", "self-test"] },
  () => {
    const target = replayTarget();

    it("healthy: every criterion passes, on virtual time, and only recorded requests are made", async () => {
      await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
      const { outcomes } = await runClusterCriteria({
        clients: clientsForKubeconfig(replay.kubeconfigPath),
        target,
        clock: replay.clock,
        waitTimeoutMs: 300_000,
      });
      expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${String(o.error)}`)).toEqual([]);
      expect(replay.server.unmatched()).toEqual([]);
      expect(replay.server.unused().filter((k) => !isKubectlOnlyKey(k))).toEqual([]);
    });

    it("health-failing: pods Ready but the port-forwarded /health answering 503 fails only the health criterion", async () => {
      const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-health-"));
      try {
        const recording = join(dir, "health-503.har");
        const healthy = loadK8sRecording("fixtures/k8s-cluster/healthy.har").har;
        const failing = withTunnelAnswer(
          healthy,
          { method: "GET", path: /^\/health$/ },
          { status: 503, statusText: "Service Unavailable", body: '{"status":"unavailable"}' },
        );
        saveHar(recording, failing, {});
        await using replay = await startK8sReplay(recording);
        const { outcomes } = await runClusterCriteria({
          clients: clientsForKubeconfig(replay.kubeconfigPath),
          target,
          clock: replay.clock,
          waitTimeoutMs: 300_000,
        });
        const failed = outcomes.filter((o) => !o.passed);
        expect(failed.map((o) => o.name)).toEqual([HEALTH_CRITERION]);
        const error = failed[0]?.error;
        expect(error).toMatchObject({ code: "K8S_HEALTH_FAILED", criterion: HEALTH_CRITERION });
        expect(String(error)).toMatch(
          /^ClusterCheckError: a port-forward to a pod answers the health path: GET \/health through port-forward to observer-[a-z0-9]+-[a-z0-9]{5}:8000 answered 503, expected 200: \{"status":"unavailable"\}/,
        );
        // The captured healthy run never read diagnostics: the failure's events and log reads are all it lacks.
        expect(replay.server.unmatched().filter((r) => !/\/events\?fieldSelector=|\/log\?container=/.test(r))).toEqual(
          [],
        );
        expect(replay.server.unused().filter((k) => !isKubectlOnlyKey(k))).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
