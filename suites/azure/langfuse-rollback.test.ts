// @module-tag azure
/**
 * Seed 001 "Rollback", the LangFuse steps: (1) `kubectl rollout undo deployment/langfuse` + `rollout status` to
 * completion, then the previous image running; (2) after a full removal, the explicit absence checks (NotFound for
 * deployment/langfuse and service/langfuse-internal). LANGFUSE_ROLLBACK_SCOPE picks which one runs live (undo, the
 * default, or removal — the smoke never deletes anything); replays run both. Destructive (undo changes the running
 * LangFuse): CI runs it only nightly or on demand. Gate RUN_LANGFUSE_ROLLBACK_SMOKE=1 with a kubeconfig; otherwise it
 * replays fixtures/azure/langfuse-rollback/. Azure resource rollback stays manual and change-ticket controlled.
 */
import { progressLine } from "../../helpers/azure/azure-session.ts";
import { readRollbackScope } from "../../helpers/azure/azure-settings.ts";
import { langfuseRollbackSmoke, ROLLBACK_RECORDINGS } from "../../helpers/azure/azure-smokes.ts";
import {
  assertAbsent,
  assertPreviousImageRuns,
  PREVIOUS_IMAGE_CRITERION,
} from "../../helpers/azure/rollback-checks.ts";
import { rolloutUndo, UNDO_CRITERION } from "../../helpers/azure/rollout-undo.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordPoll } from "../../helpers/evidence/record.ts";
import type { WaitContext } from "../../helpers/k8s-cluster/check-context.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import type { ClusterConnection } from "../../helpers/k8s-cluster/connect.ts";
import { waitDeploymentAvailable } from "../../helpers/k8s-cluster/deployment-check.ts";
import { readLangfuseEnv } from "../../helpers/langfuse/langfuse-env.ts";
import type { PollLine } from "../../helpers/poll.ts";

const test = defineSmoke({
  ...langfuseRollbackSmoke,
  kube: true,
  recordings: { kube: ROLLBACK_RECORDINGS.undo },
  otherRecordings: [ROLLBACK_RECORDINGS.removal],
});

/** The step live and record runs take (LANGFUSE_ROLLBACK_SCOPE); replays run both. */
const scope = test.modes.some((mode) => mode !== "replay") ? readRollbackScope() : undefined;

/** What the checks of a step read from its cluster connection (one per step group, opened on first use). */
function cluster(kube: ClusterConnection, onPoll?: (line: PollLine) => void): WaitContext & { namespace: string } {
  const namespace = kube.recording?.meta.namespace ?? readLangfuseEnv().namespace;
  return {
    clients: kube.clients,
    clock: kube.clock,
    waitTimeoutMs: readClusterEnv().waitTimeoutMs,
    namespace,
    ...(onPoll ? { onPoll } : {}),
  };
}

const NOTHING_UNDONE = "nothing was rolled back (see the undo check)";

test.group(
  "rollout undo",
  { recordings: { kube: ROLLBACK_RECORDINGS.undo }, ...(scope === "removal" ? { modes: ["replay"] } : {}) },
  () => {
    const undo = test(UNDO_CRITERION, async ({ kube, annotate }) => {
      const c = cluster(kube);
      const plan = await rolloutUndo(c, c.namespace, "langfuse");
      await recordIds(
        { annotate },
        {
          namespace: c.namespace,
          from_revision: plan.fromRevision,
          to_revision: plan.toRevision,
          from_image: plan.fromImage,
          to_image: plan.toImage,
        },
      );
      return plan;
    });

    test("rollout status deployment/langfuse completes (watch, K8S_WAIT_TIMEOUT_SECONDS)", async ({
      kube,
      mode,
      results,
      annotate,
    }) => {
      results.of(undo, NOTHING_UNDONE);
      const polls: PollLine[] = [];
      const c = cluster(kube, (line) => {
        polls.push(line);
        if (mode !== "replay") console.log(progressLine("langfuse-rollback", line));
      });
      try {
        await waitDeploymentAvailable(c, c.namespace, "langfuse");
      } finally {
        for (const line of polls) await recordPoll({ annotate }, line);
      }
    });

    test(PREVIOUS_IMAGE_CRITERION, async ({ kube, results, annotate }) => {
      const undone = results.of(undo, NOTHING_UNDONE);
      const c = cluster(kube);
      const pods = await assertPreviousImageRuns(c, c.namespace, undone.labelSelector, undone.toImage);
      await recordIds({ annotate }, { image: undone.toImage, pods: pods.join(" ") });
    });
  },
);

test.group(
  "full removal: explicit absence checks",
  { recordings: { kube: ROLLBACK_RECORDINGS.removal }, ...(scope === "undo" ? { modes: ["replay"] } : {}) },
  () => {
    test("deployment/langfuse is absent (NotFound) after the full removal", async ({ kube }) => {
      const c = cluster(kube);
      await assertAbsent(c, c.namespace, "deployment");
    });
    test("service/langfuse-internal is absent (NotFound) after the full removal", async ({ kube }) => {
      const c = cluster(kube);
      await assertAbsent(c, c.namespace, "service");
    });
  },
);
