/**
 * How a cluster criterion reaches the evidence: ids next to the verdict, its poll trail, a JSON line with the
 * result, and — at the first failure of a run — the diagnostics (describe-like status, events, log tails) as a
 * report section headed by the classification, which is also appended to the failure message.
 */
import type { TestContext } from "vitest";
import { recordIds, recordJson, recordPoll, recordSection } from "../evidence/record.ts";
import type { PollLine } from "../poll.ts";
import { type ClusterCriterion, type ClusterRun, classifyFailure } from "./cluster-smoke.ts";
import { diagnosticsMarkdown } from "./diagnostics-report.ts";

type Annotator = Pick<TestContext, "annotate">;

/** Attaches the run's diagnostics once (returns false when an earlier failure already did). */
export async function attachDiagnostics(ctx: Annotator, run: ClusterRun): Promise<boolean> {
  const first = !run.diagnosed;
  const { diagnostics, classification } = await run.diagnose();
  if (first) {
    await recordSection(
      ctx,
      `K8s diagnostics: ${classification.label}`,
      diagnosticsMarkdown(diagnostics, classification),
    );
    await recordJson(ctx, "k8s-diagnostics", {
      classification,
      pods: diagnostics.pods.length,
      unavailable: diagnostics.unavailable,
    });
  }
  return first;
}

export async function runCriterionWithEvidence(
  ctx: Annotator,
  run: ClusterRun,
  criterion: ClusterCriterion,
  polls: PollLine[],
): Promise<void> {
  const { target, clients } = run.ctx;
  await recordIds(ctx, { context: clients.describe, namespace: target.namespace, deployment: target.deployment });
  try {
    const summary = await criterion.run(run);
    await recordJson(ctx, "k8s-criterion", { criterion: criterion.name, result: "pass", summary });
  } catch (error) {
    await attachDiagnostics(ctx, run);
    const classified = await classifyFailure(run, error);
    const { classification } = await run.diagnose();
    await recordJson(ctx, "k8s-criterion", {
      criterion: criterion.name,
      result: "fail",
      classification: classification.kind,
      message: classified instanceof Error ? classified.message : String(classified),
    });
    throw classified;
  } finally {
    for (const line of polls.splice(0)) await recordPoll(ctx, line);
  }
}
