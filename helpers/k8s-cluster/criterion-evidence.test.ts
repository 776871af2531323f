import { describe, expect, it } from "vitest";
import { startK8sReplay } from "../k8s-replay/start-replay.ts";
import type { PollLine } from "../poll.ts";
import { CLUSTER_CRITERIA, ClusterRun } from "./cluster-smoke.ts";
import { runCriterionWithEvidence } from "./criterion-evidence.ts";
import { clientsForKubeconfig } from "./kube-client.ts";
import { replayTarget } from "./target.ts";

interface Annotation {
  type: string;
  data: Record<string, unknown>;
}

function annotator() {
  const annotations: Annotation[] = [];
  return {
    annotations,
    ctx: {
      annotate: (async (message: string, type?: string) => {
        annotations.push({ type: type ?? "", data: JSON.parse(message) as Record<string, unknown> });
      }) as never,
    },
  };
}

describe("cluster criteria in the evidence", () => {
  it("self-test: the first failure attaches classified diagnostics once; every failure names the classification", {
    tags: ["self-test"],
  }, async () => {
    await using replay = await startK8sReplay("fixtures/k8s-cluster/crashloop.har");
    const polls: PollLine[] = [];
    const run = new ClusterRun({
      clients: clientsForKubeconfig(replay.kubeconfigPath),
      target: replayTarget(),
      clock: replay.clock,
      waitTimeoutMs: 300_000,
      onPoll: (line) => polls.push(line),
    });
    const { ctx, annotations } = annotator();
    const failures: string[] = [];
    for (const criterion of CLUSTER_CRITERIA) {
      await runCriterionWithEvidence(ctx, run, criterion, polls).catch((error: Error) => failures.push(error.message));
    }
    expect(failures).toHaveLength(3);
    for (const message of failures) expect(message).toContain("→ classified as CrashLoopBackOff → container start");

    const sections = annotations.filter((a) => a.type === "smokebook:section");
    expect(sections).toHaveLength(1);
    const markdown = String(sections[0]?.data.markdown);
    expect(sections[0]?.data.title).toBe("K8s diagnostics: CrashLoopBackOff → container start");
    expect(markdown).toMatch(
      /^Pod observer-[a-z0-9]+-[a-z0-9]{5} \(node localhost\): (Running|CrashLoopBackOff|Error), ready 0\/1, restarts [1-9]/m,
    );
    expect(markdown).toMatch(/^\| Warning \| BackOff \| \d+ \|/m);
    expect(markdown).toContain("Error: Cannot find module '/app/src/does-not-exist.mjs'");
    expect(markdown).toContain("Previous container log:");

    const polled = annotations.filter((a) => a.type === "smokebook:poll");
    expect(polled.length).toBeGreaterThan(0);
    expect(polled[0]?.data.condition).toBe("every PVC in observer-prod is Bound");
    const results = annotations
      .filter((a) => a.type === "smokebook:record")
      .map((a) => (a.data.value as { result: string }).result);
    expect(results.filter((r) => r === "fail")).toHaveLength(3);
  });
});
