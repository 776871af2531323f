// @module-tag azure
/**
 * Seed 001 "Rollback", the LangFuse steps: (1) `kubectl rollout undo deployment/langfuse` + `rollout status` to
 * completion, then the previous image running; (2) after a full removal, the explicit absence checks (NotFound for
 * deployment/langfuse and service/langfuse-internal). LANGFUSE_ROLLBACK_SCOPE picks which one runs live (undo, the
 * default, or removal — the smoke never deletes anything); replays run both. Destructive (undo changes the running
 * LangFuse): CI runs it only nightly or on demand. Gate RUN_LANGFUSE_ROLLBACK_SMOKE=1 with a kubeconfig; otherwise it
 * replays fixtures/azure/langfuse-rollback/. Azure resource rollback stays manual and change-ticket controlled.
 */
import { describe } from "vitest";
import { progressLine } from "../../helpers/azure/azure-session.ts";
import { readRollbackScope } from "../../helpers/azure/azure-settings.ts";
import { langfuseRollbackSmoke, ROLLBACK_RECORDINGS } from "../../helpers/azure/azure-smokes.ts";
import { needed } from "../../helpers/azure/errors.ts";
import {
  assertAbsent,
  assertPreviousImageRuns,
  PREVIOUS_IMAGE_CRITERION,
} from "../../helpers/azure/rollback-checks.ts";
import { rolloutUndo, UNDO_CRITERION, type UndoPlan } from "../../helpers/azure/rollout-undo.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import { recordIds, recordPoll } from "../../helpers/evidence/record.ts";
import type { WaitContext } from "../../helpers/k8s-cluster/check-context.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { type ClusterConnection, connectCluster } from "../../helpers/k8s-cluster/connect.ts";
import { waitDeploymentAvailable } from "../../helpers/k8s-cluster/deployment-check.ts";
import { readLangfuseEnv } from "../../helpers/langfuse/langfuse-env.ts";
import type { PollLine } from "../../helpers/poll.ts";
import { describeSmoke, type SmokeScope } from "../../helpers/smoke.ts";

/** One cluster connection per rollback step, opened and closed around its checks. */
function clusterPhase(s: SmokeScope, recording: string) {
  let connection: ClusterConnection | undefined;
  const failed = trackFailedChecks();
  s.beforeAll(async () => {
    connection = await connectCluster(s.mode, recording);
  });
  s.afterAll(() => connection?.close({ passed: failed.length === 0 }));
  return (onPoll?: (line: PollLine) => void): WaitContext & { namespace: string } => {
    const c = needed(connection, "no cluster connection (see the beforeAll error)");
    const namespace = c.recording?.meta.namespace ?? readLangfuseEnv().namespace;
    return {
      clients: c.clients,
      clock: c.clock,
      waitTimeoutMs: readClusterEnv().waitTimeoutMs,
      namespace,
      ...(onPoll ? { onPoll } : {}),
    };
  };
}

describeSmoke(langfuseRollbackSmoke, (s) => {
  const scope = s.mode === "replay" ? undefined : readRollbackScope();

  if (scope !== "removal") {
    describe("rollout undo", () => {
      const cluster = clusterPhase(s, ROLLBACK_RECORDINGS.undo);
      let plan: UndoPlan | undefined;

      s.it(UNDO_CRITERION, async (ctx) => {
        const c = cluster();
        plan = await rolloutUndo(c, c.namespace, "langfuse");
        await recordIds(ctx, {
          namespace: c.namespace,
          from_revision: plan.fromRevision,
          to_revision: plan.toRevision,
          from_image: plan.fromImage,
          to_image: plan.toImage,
        });
      });

      s.it("rollout status deployment/langfuse completes (watch, K8S_WAIT_TIMEOUT_SECONDS)", async (ctx) => {
        needed(plan, "nothing was rolled back (see the undo check)");
        const polls: PollLine[] = [];
        const c = cluster((line) => {
          polls.push(line);
          if (s.mode !== "replay") console.log(progressLine("langfuse-rollback", line));
        });
        try {
          await waitDeploymentAvailable(c, c.namespace, "langfuse");
        } finally {
          for (const line of polls) await recordPoll(ctx, line);
        }
      });

      s.it(PREVIOUS_IMAGE_CRITERION, async (ctx) => {
        const undone = needed(plan, "nothing was rolled back (see the undo check)");
        const c = cluster();
        const pods = await assertPreviousImageRuns(c, c.namespace, undone.labelSelector, undone.toImage);
        await recordIds(ctx, { image: undone.toImage, pods: pods.join(" ") });
      });
    });
  }

  if (scope !== "undo") {
    describe("full removal: explicit absence checks", () => {
      const cluster = clusterPhase(s, ROLLBACK_RECORDINGS.removal);
      s.it("deployment/langfuse is absent (NotFound) after the full removal", async () => {
        const c = cluster();
        await assertAbsent(c, c.namespace, "deployment");
      });
      s.it("service/langfuse-internal is absent (NotFound) after the full removal", async () => {
        const c = cluster();
        await assertAbsent(c, c.namespace, "service");
      });
    });
  }
});
