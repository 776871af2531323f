/**
 * Runs the smoke of one live scenario (live-scenarios.ts) on a cluster connection — live, record or replay alike —
 * and judges what it reported against the scenario's expectation: the criteria that must fail (and only those),
 * their classification, and what the messages name. `problems` empty means the scenario behaved as it must.
 */

import { recordedId } from "../k8s-replay/recording.ts";
import { readLangfuseEnv } from "../langfuse/langfuse-env.ts";
import { langfuseTraceSmoke } from "../langfuse/trace-smoke.ts";
import { langfuseUiSmoke } from "../langfuse/ui-smoke.ts";
import { CLUSTER_CRITERIA, ClusterRun, type CriterionOutcome, classifyFailure } from "./cluster-smoke.ts";
import type { ClusterConnection } from "./connect.ts";
import { deploymentFacts, readDeployment } from "./deployment-check.ts";
import { ClusterCheckError } from "./errors.ts";
import type { LiveScenario } from "./live-scenarios.ts";
import { POD_CRITERION } from "./pod-check.ts";
import { podRestartSmoke, RESTART_CRITERION } from "./restart-smoke.ts";
import type { ClusterTarget } from "./target.ts";
import { uniqueRunId } from "./unique-id.ts";

export interface ScenarioResult {
  outcomes: CriterionOutcome[];
  problems: string[];
}

const LANGFUSE_UI = "the internal LangFuse UI answers 200 or 302";
const LANGFUSE_TRACE = "a trace ingested before rollout restart deployment/langfuse is readable after it";

const id = (connection: ClusterConnection, name: string, fresh: () => string): string =>
  connection.recording ? recordedId(connection.recording, name) : fresh();

async function outcome(name: string, run: () => Promise<string | undefined>): Promise<CriterionOutcome> {
  try {
    const summary = await run();
    return { name, passed: true, ...(summary ? { summary } : {}) };
  } catch (error) {
    return { name, passed: false, error };
  }
}

export async function runScenarioCheck(
  scenario: LiveScenario,
  connection: ClusterConnection,
  target: ClusterTarget,
  waitTimeoutMs: number,
): Promise<CriterionOutcome[]> {
  const ctx = { clients: connection.clients, target, clock: connection.clock, waitTimeoutMs };
  switch (scenario.check) {
    case "cluster": {
      const run = new ClusterRun(ctx);
      const outcomes: CriterionOutcome[] = [];
      for (const criterion of CLUSTER_CRITERIA) {
        const o = await outcome(criterion.name, () => criterion.run(run));
        outcomes.push(o.passed ? o : { ...o, error: await classifyFailure(run, o.error) });
      }
      return outcomes;
    }
    case "pod-restart": {
      const marker = id(connection, "marker", uniqueRunId);
      connection.noteIds({ marker });
      return [
        await outcome(RESTART_CRITERION, async () => {
          const facts = deploymentFacts(await readDeployment(ctx));
          const result = await podRestartSmoke(ctx, facts.matchLabels, marker);
          return `${result.before} → ${result.after}`;
        }),
      ];
    }
    case "langfuse-ui":
      return [
        await outcome(LANGFUSE_UI, async () => {
          const line = await langfuseUiSmoke(connection.clients, readLangfuseEnv(), connection.clock, waitTimeoutMs);
          return `http_code ${line.http_code}`;
        }),
      ];
    case "langfuse-trace": {
      const run = uniqueRunId();
      const traceId = id(connection, "traceId", () => `smokebook-trace-${run}`);
      const eventId = id(connection, "eventId", () => `smokebook-event-${run}`);
      connection.noteIds({ traceId, eventId });
      return [
        await outcome(LANGFUSE_TRACE, async () => {
          const line = await langfuseTraceSmoke({
            ...ctx,
            env: readLangfuseEnv(),
            traceId,
            eventId,
            allowBlankKeys: connection.recording !== undefined,
          });
          return `stage ${line.stage}, fetch before ${line.fetch_before_http_code}, after ${line.fetch_after_http_code}`;
        }),
      ];
    }
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What differs between the outcomes and the scenario's expectation (empty: as expected). */
export function judgeScenario(scenario: LiveScenario, outcomes: CriterionOutcome[]): string[] {
  const { expect } = scenario;
  const problems: string[] = [];
  const failed = outcomes.filter((o) => !o.passed);
  const names = failed.map((o) => o.name);
  if (JSON.stringify(names) !== JSON.stringify(expect.failing)) {
    problems.push(
      `failing criteria ${JSON.stringify(names)}, expected ${JSON.stringify(expect.failing)}${failed.length > 0 ? ` (first: ${messageOf(failed[0]?.error)})` : ""}`,
    );
  }
  if (expect.kind) {
    for (const o of failed) {
      const kind = o.error instanceof ClusterCheckError ? o.error.classification?.kind : undefined;
      if (kind !== expect.kind)
        problems.push(`${o.name}: classified ${kind ?? "(none)"}, expected ${expect.kind}: ${messageOf(o.error)}`);
    }
  }
  const first = failed[0];
  if (expect.says && first && !expect.says.test(messageOf(first.error)))
    problems.push(`${first.name}: message ${JSON.stringify(messageOf(first.error))} does not match ${expect.says}`);
  const pod = failed.find((o) => o.name === POD_CRITERION);
  if (expect.podSays && pod && !expect.podSays.test(messageOf(pod.error)))
    problems.push(`${POD_CRITERION}: message ${JSON.stringify(messageOf(pod.error))} does not match ${expect.podSays}`);
  return problems;
}
