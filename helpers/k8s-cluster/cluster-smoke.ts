/**
 * The live K8s stage (seed 004 §3.3) as a list of criteria, in the order an operator checks them; the suite makes
 * one test of each, the failure-scenario self-tests run them all with runClusterCriteria. A ClusterRun shares what
 * the criteria read once (the Deployment) and the diagnostics of the first failure, classified (§6.1 step 4).
 */
import type { CheckContext } from "./check-context.ts";
import { type Classification, classify } from "./classify.ts";
import { CONFIG_CRITERION, checkRequiredConfig } from "./config-check.ts";
import {
  DEPLOYMENT_CRITERION,
  type DeploymentFacts,
  deploymentFacts,
  readDeployment,
  rolloutState,
  waitDeploymentAvailable,
} from "./deployment-check.ts";
import { type ClusterDiagnostics, collectDiagnostics } from "./diagnostics.ts";
import { ClusterCheckError } from "./errors.ts";
import { checkHealthThroughPortForward, HEALTH_CRITERION } from "./health-check.ts";
import { checkPodsHealthy, listDeploymentPods, POD_CRITERION } from "./pod-check.ts";
import { describePodLine } from "./pod-status.ts";
import { PVC_CRITERION, waitPvcsBound } from "./pvc-check.ts";
import { checkService, readService, SERVICE_CRITERION } from "./service-check.ts";

export interface Diagnosis {
  diagnostics: ClusterDiagnostics;
  classification: Classification;
}

export class ClusterRun {
  readonly ctx: CheckContext;
  #facts: Promise<DeploymentFacts> | undefined;
  #diagnosis: Promise<Diagnosis> | undefined;

  constructor(ctx: CheckContext) {
    this.ctx = ctx;
  }

  facts(): Promise<DeploymentFacts> {
    this.#facts ??= readDeployment(this.ctx).then(deploymentFacts);
    return this.#facts;
  }

  /** Diagnostics and classification, collected once per run (at the first failure). */
  diagnose(): Promise<Diagnosis> {
    this.#diagnosis ??= collectDiagnostics(this.ctx.clients, this.ctx.target).then((diagnostics) => ({
      diagnostics,
      classification: classify(diagnostics),
    }));
    return this.#diagnosis;
  }

  get diagnosed(): boolean {
    return this.#diagnosis !== undefined;
  }
}

export interface ClusterCriterion {
  name: string;
  /** Runs the check; resolves with a one-line summary for the evidence, throws ClusterCheckError on failure. */
  run: (run: ClusterRun) => Promise<string>;
}

export const CLUSTER_CRITERIA: ReadonlyArray<ClusterCriterion> = [
  {
    name: PVC_CRITERION,
    run: async (run) => {
      const states = await waitPvcsBound(run.ctx, (await run.facts()).claims);
      return states.map((s) => `${s.name}=${s.phase}`).join(", ");
    },
  },
  {
    name: DEPLOYMENT_CRITERION,
    run: async (run) =>
      rolloutState(await waitDeploymentAvailable(run.ctx, run.ctx.target.namespace, run.ctx.target.deployment)).state,
  },
  {
    name: POD_CRITERION,
    run: async (run) => {
      const pods = await listDeploymentPods(run.ctx, (await run.facts()).matchLabels);
      return checkPodsHealthy(pods, run.ctx).map(describePodLine).join("; ");
    },
  },
  {
    name: CONFIG_CRITERION,
    run: async (run) => {
      const objects = await checkRequiredConfig(run.ctx, await run.facts());
      return objects.map((o) => `${o.kind} ${o.name}: ${(o.keys ?? []).join(", ")}`).join("; ");
    },
  },
  {
    name: SERVICE_CRITERION,
    run: async (run) => {
      const facts = await run.facts();
      const service = await readService(run.ctx);
      const pods = await listDeploymentPods(run.ctx, facts.matchLabels);
      const port = checkService(service, facts, pods, run.ctx);
      return `service ${run.ctx.target.service} port ${port.port} → ${port.targetPort ?? port.port}, selects ${pods.length} pod(s)`;
    },
  },
  {
    name: HEALTH_CRITERION,
    run: async (run) => {
      const pods = await listDeploymentPods(run.ctx, (await run.facts()).matchLabels);
      const result = await checkHealthThroughPortForward(run.ctx, pods);
      return `GET ${run.ctx.target.health.path} via port-forward to ${result.pod} → ${result.status}`;
    },
  },
];

export interface CriterionOutcome {
  name: string;
  passed: boolean;
  summary?: string;
  error?: unknown;
}

/** Classifies a criterion's failure with the run's diagnostics (ClusterCheckErrors only) and returns it. */
export async function classifyFailure(run: ClusterRun, error: unknown): Promise<unknown> {
  if (!(error instanceof ClusterCheckError) || error.classification) return error;
  const { classification } = await run.diagnose();
  return error.classify(classification);
}

/** Every criterion in order, each failure classified; for self-tests and scripts (the suite uses one test each). */
export async function runClusterCriteria(
  ctx: CheckContext,
): Promise<{ outcomes: CriterionOutcome[]; run: ClusterRun }> {
  const run = new ClusterRun(ctx);
  const outcomes: CriterionOutcome[] = [];
  for (const criterion of CLUSTER_CRITERIA) {
    try {
      outcomes.push({ name: criterion.name, passed: true, summary: await criterion.run(run) });
    } catch (error) {
      outcomes.push({ name: criterion.name, passed: false, error: await classifyFailure(run, error) });
    }
  }
  return { outcomes, run };
}
