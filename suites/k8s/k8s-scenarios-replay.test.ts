// @module-tag k8s
/**
 * The captured K8s recordings (`npm run fixtures:k8s` on the local cluster) replayed offline: each scenario's smoke
 * reports what it reported on the real cluster — the same failing criteria, the same class of seed 004 §6.1 step 4,
 * naming the object and the cause (helpers/k8s-cluster/live-scenarios.ts holds those expectations for both) — using
 * every recorded request and no other; and the §6.2 checklist (kubectl get pods / describe pod / logs / get pvc /
 * get secrets / get svc / get events / -o yaml) is answered in full by the recording, as `npm run replay:k8s`
 * serves it. Live, `node scripts/k8s-scenarios.ts` checks the same expectations against the cluster.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connectCluster } from "../../helpers/k8s-cluster/connect.ts";
import { LIVE_SCENARIOS } from "../../helpers/k8s-cluster/live-scenarios.ts";
import { judgeScenario, runScenarioCheck } from "../../helpers/k8s-cluster/run-scenario.ts";
import { replayTarget } from "../../helpers/k8s-cluster/target.ts";
import { CHECKLIST_PODS_ID, isChecklistEntry, runChecklist } from "../../helpers/k8s-replay/checklist.ts";
import { requireKubectl } from "../../helpers/k8s-replay/kubectl-cli.ts";
import { loadK8sRecording, recordedId } from "../../helpers/k8s-replay/recording.ts";
import { isKubectlOnlyKey } from "../../helpers/k8s-replay/request-key.ts";
import { startK8sReplay } from "../../helpers/k8s-replay/start-replay.ts";
import { saveHar } from "../../helpers/replay/har-file.ts";

const waitOf = (ids: Record<string, string>) => Number(ids.waitTimeoutSeconds ?? "300") * 1000;

// Every scenario starts its own replay server (own port, own virtual clock): they run concurrently.
describe("captured K8s scenarios, replayed", { tags: ["k8s", "replay", "self-test"], concurrent: true }, () => {
  it.each(LIVE_SCENARIOS.map((s) => [s.name, s] as const))(
    "%s: the smoke reports what it reported on the cluster, from the recording alone",
    async (_name, scenario) => {
      const connection = await connectCluster("replay", scenario.recording);
      const replay = connection.replay;
      if (!replay || !connection.recording) throw new Error("not a replay");
      const started = Date.now();
      const outcomes = await runScenarioCheck(
        scenario,
        connection,
        replayTarget(),
        waitOf(connection.recording.meta.ids),
      );
      expect(judgeScenario(scenario, outcomes)).toEqual([]);
      // Waits to their recorded deadline run on the virtual clock, in well under the real test budget.
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(replay.server.unmatched()).toEqual([]);
      expect(replay.server.unused().filter((k) => !isKubectlOnlyKey(k))).toEqual([]);
      await connection.close({ verify: false });
    },
  );

  it.for(LIVE_SCENARIOS.map((s) => [s.name, s] as const))(
    "%s: every §6.2 checklist command is answered from the recording",
    async ([, scenario], ctx) => {
      await requireKubectl(ctx);
      await using replay = await startK8sReplay(scenario.recording);
      expect(replay.recording.har.log.entries.some(isChecklistEntry)).toBe(true);
      const pods = recordedId(replay.recording, CHECKLIST_PODS_ID).split(",").filter(Boolean);
      expect(pods.length).toBeGreaterThan(0);
      const runs = await runChecklist(replay.kubeconfigPath, replay.recording.meta.namespace, pods);
      expect(runs.filter((r) => /not in recording|is not in the recording/.test(r.stderr))).toEqual([]);
      expect(replay.server.unmatched()).toEqual([]);
      const gets = runs.filter((r) => r.command[0] === "get");
      expect(gets.filter((r) => r.code !== 0)).toEqual([]);
    },
  );

  it("self-test: a recording without its checklist is caught: kubectl's requests are not in it", {
    tags: ["self-test"],
  }, async (ctx) => {
    await requireKubectl(ctx);
    const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-checklist-"));
    try {
      const { har } = loadK8sRecording("fixtures/k8s-cluster/healthy.har");
      const stripped = structuredClone(har);
      stripped.log.entries = stripped.log.entries.filter((e) => !isChecklistEntry(e));
      const path = join(dir, "healthy-without-checklist.har");
      saveHar(path, stripped, {});
      await using replay = await startK8sReplay(path);
      const pods = recordedId(replay.recording, CHECKLIST_PODS_ID).split(",");
      const runs = await runChecklist(replay.kubeconfigPath, replay.recording.meta.namespace, pods);
      // kubectl's discovery (/api, /apis), its Tables and its describe/logs reads are all missing.
      expect(runs.filter((r) => r.code !== 0).length).toBeGreaterThan(0);
      expect(replay.server.unmatched()).toContainEqual(expect.stringMatching(/^GET \/api\?/));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
