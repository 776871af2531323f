/**
 * Self-tests of the LangFuse rollback smoke against its recordings: the undo plan is kubectl's (previous revision's
 * template without pod-template-hash, kubectl's revision annotations kept), and each variant fails its criterion
 * naming the object and the cause.
 */
import { describe, expect, it } from "vitest";
import type { WaitContext } from "../k8s-cluster/check-context.ts";
import { waitDeploymentAvailable } from "../k8s-cluster/deployment-check.ts";
import { clientsForKubeconfig } from "../k8s-cluster/kube-client.ts";
import { startK8sReplay } from "../k8s-replay/start-replay.ts";
import { assertAbsent, assertPreviousImageRuns } from "./rollback-checks.ts";
import { rolloutUndo } from "./rollout-undo.ts";

const dir = "fixtures/azure/langfuse-rollback";

async function withCluster<T>(recording: string, fn: (ctx: WaitContext) => Promise<T>): Promise<T> {
  await using replay = await startK8sReplay(`${dir}/${recording}`);
  return await fn({
    clients: clientsForKubeconfig(replay.kubeconfigPath),
    clock: replay.clock,
    waitTimeoutMs: 300_000,
  });
}

describe("LangFuse rollback against recordings (self-test)", { tags: ["azure", "k8s", "replay", "self-test"] }, () => {
  it("undo: revision 3 → 2 as kubectl patches it, the rollout completes, the previous image runs", () =>
    withCluster("undo.har", async (ctx) => {
      const plan = await rolloutUndo(ctx, "default", "langfuse");
      expect(plan).toMatchObject({
        fromRevision: 3,
        toRevision: 2,
        fromImage: "nscacrdev.azurecr.io/langfuse/langfuse:2.95.1",
        toImage: "nscacrdev.azurecr.io/langfuse/langfuse:2.94.0",
        replicaSet: "langfuse-6d7f8a9b5c",
        labelSelector: "app=langfuse",
      });
      type Op = { op: string; path: string; value: { metadata?: { labels?: Record<string, string> } } };
      const [template, annotations] = plan.patch as Op[];
      expect(template).toMatchObject({ op: "replace", path: "/spec/template" });
      expect(template?.value.metadata?.labels).toEqual({ app: "langfuse" });
      expect(annotations).toEqual({
        op: "replace",
        path: "/metadata/annotations",
        value: { "deployment.kubernetes.io/revision": "3" },
      });
      await waitDeploymentAvailable(ctx, "default", "langfuse");
      // The old pod is terminating: only the new one counts.
      expect(await assertPreviousImageRuns(ctx, "default", plan.labelSelector, plan.toImage)).toEqual([
        "langfuse-6d7f8a9b5c-w8q4m",
      ]);
    }));

  it("no earlier revision: the undo fails naming the revisions found, and nothing is patched", () =>
    withCluster("no-previous-revision.har", async (ctx) => {
      await expect(rolloutUndo(ctx, "default", "langfuse")).rejects.toThrow(
        "rollout undo deployment/langfuse applies the previous revision: deployment/langfuse has no revision before 3 to roll back to (ReplicaSet revisions: 3)",
      );
    }));

  it("the old image still live after the rollout fails 'the previous image runs', naming the pod and both images", () =>
    withCluster("old-image-still-live.har", async (ctx) => {
      const plan = await rolloutUndo(ctx, "default", "langfuse");
      await waitDeploymentAvailable(ctx, "default", "langfuse");
      await expect(assertPreviousImageRuns(ctx, "default", plan.labelSelector, plan.toImage)).rejects.toThrow(
        "pod langfuse-5b8d9c7f6d-k2v9d runs nscacrdev.azurecr.io/langfuse/langfuse:2.95.1, not the previous image nscacrdev.azurecr.io/langfuse/langfuse:2.94.0",
      );
    }));

  it("full removal: NotFound for both passes; a Deployment still present fails naming it", async () => {
    await withCluster("removal.har", async (ctx) => {
      await assertAbsent(ctx, "default", "deployment");
      await assertAbsent(ctx, "default", "service");
    });
    await withCluster("deployment-still-present.har", async (ctx) => {
      await expect(assertAbsent(ctx, "default", "deployment")).rejects.toThrow(
        "deployment/langfuse is absent (NotFound) after the full removal: deployment/langfuse still exists in namespace default",
      );
      await assertAbsent(ctx, "default", "service");
    });
  });
});
