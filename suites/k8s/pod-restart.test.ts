// @module-tag k8s
/**
 * Seed 004 Phase 0 "Pod 재시작 후 데이터 보존" (§3.3 데이터 영속성): a unique marker written under the contract
 * data directory (exec) is still there after the pod is deleted and its replacement is Ready; then it is removed.
 * Destructive: it deletes a pod of the target Deployment.
 *   RUN_K8S_RESTART_SMOKE=1 npx vitest run suites/k8s/pod-restart.test.ts
 * Without the gate (or without a usable kubeconfig) it replays fixtures/k8s-cluster/pod-restart.har against the
 * embedded target fixtures/target; the self-test replays marker-lost.har.
 */
import { expect, it } from "vitest";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson, recordPoll } from "../../helpers/evidence/record.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { deploymentFacts, readDeployment } from "../../helpers/k8s-cluster/deployment-check.ts";
import { ClusterCheckError } from "../../helpers/k8s-cluster/errors.ts";
import { clientsForKubeconfig } from "../../helpers/k8s-cluster/kube-client.ts";
import { podRestartSmoke, RESTART_CRITERION } from "../../helpers/k8s-cluster/restart-smoke.ts";
import { describeSampleReplay, SAMPLE_REPLAYS } from "../../helpers/k8s-cluster/sample-replays.ts";
import { k8sPodRestartSmoke } from "../../helpers/k8s-cluster/smokes.ts";
import { clusterTargetFor, replayTarget } from "../../helpers/k8s-cluster/target.ts";
import { uniqueRunId } from "../../helpers/k8s-cluster/unique-id.ts";
import { recordedId } from "../../helpers/k8s-replay/recording.ts";
import { isKubectlOnlyKey } from "../../helpers/k8s-replay/request-key.ts";
import { startK8sReplay } from "../../helpers/k8s-replay/start-replay.ts";
import type { PollLine } from "../../helpers/poll.ts";

const test = defineSmoke({
  ...k8sPodRestartSmoke,
  recordings: { kube: k8sPodRestartSmoke.recordings[0] as string },
  kube: { namespace: (_env, mode) => clusterTargetFor(mode).namespace },
  replay: SAMPLE_REPLAYS,
});

test(RESTART_CRITERION, async ({ kube, mode, annotate }) => {
  const ctx = { annotate };
  const polls: PollLine[] = [];
  const check = {
    clients: kube.clients,
    target: clusterTargetFor(mode),
    clock: kube.clock,
    waitTimeoutMs: readClusterEnv().waitTimeoutMs,
    onPoll: (line: PollLine) => polls.push(line),
  };
  const marker = kube.recording ? recordedId(kube.recording, "marker") : uniqueRunId();
  kube.noteIds({ marker });
  await recordIds(ctx, { context: kube.clients.describe, namespace: check.target.namespace, marker });
  try {
    const facts = deploymentFacts(await readDeployment(check));
    const outcome = await podRestartSmoke(check, facts.matchLabels, marker);
    await recordIds(ctx, { pod_before: outcome.before, pod_after: outcome.after });
    await recordJson(ctx, "k8s-pod-restart", { result: "pass", ...outcome });
  } finally {
    for (const line of polls) await recordPoll(ctx, line);
  }
}, 900_000);

describeSampleReplay("K8s pod restart against recordings (self-test)", { tags: ["k8s", "replay", "self-test"] }, () => {
  it("marker-lost: (captured) the marker is gone on the replacement pod; the failure names both pods and the emptyDir", async () => {
    await using replay = await startK8sReplay("fixtures/k8s-cluster/marker-lost.har");
    const check = {
      clients: clientsForKubeconfig(replay.kubeconfigPath),
      target: replayTarget(),
      clock: replay.clock,
      waitTimeoutMs: 300_000,
    };
    const facts = deploymentFacts(await readDeployment(check));
    const attempt = podRestartSmoke(check, facts.matchLabels, recordedId(replay.recording, "marker"));

    await expect(attempt).rejects.toBeInstanceOf(ClusterCheckError);
    await expect(attempt).rejects.toMatchObject({ code: "K8S_MARKER_LOST", criterion: RESTART_CRITERION });
    await expect(attempt).rejects.toThrow(
      /written in observer-[a-z0-9]+-[a-z0-9]{5} before the restart is not on replacement observer-[a-z0-9]+-[a-z0-9]{5} \(cat exited 1: .*No such file or directory\); \/opt\/platform\/runtime\/observer\/data is volume runtime \(emptyDir — deleted with the pod\)/,
    );
    // The cleanup (rm -f) still ran on the replacement, and nothing outside the recording was asked.
    expect(replay.server.served.at(-1)?.key).toMatch(/EXEC .*command=rm&command=-f/);
    expect(replay.server.unmatched()).toEqual([]);
    expect(replay.server.unused().filter((k) => !isKubectlOnlyKey(k))).toEqual([]);
  });
});
