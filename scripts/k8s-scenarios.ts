/**
 * Produces the K8s replay scenarios on the local cluster (`npm run cluster:up`): for each one, applies its broken
 * copy of the target's manifests (helpers/control-plane/failure-scenarios.ts), runs its smoke live and checks that
 * it failed as the runbook's decision tree says it must (seed 004 §6.1 step 4: which criteria, which class, naming
 * the object and the cause) — or passed, for the healthy ones. Ends with the healthy manifests back in place.
 *
 *   npm run cluster:scenarios                       every scenario, live
 *   npm run cluster:scenarios -- crashloop          only these
 *   npm run fixtures:k8s                            the same with --record: each run goes through the recording
 *                                                   proxy and, when it behaved as expected, replaces its recording
 *                                                   (with the §6.2 kubectl checklist at its end), then rewrites
 *                                                   the recordings derived from them (derived-recordings.ts)
 *
 * K8S_WAIT_TIMEOUT_SECONDS (default here 60) bounds every wait; the recordings keep the value they were made with.
 * Exits 1 when a scenario did not behave as expected, naming what differed.
 */
import { applyScenario } from "../helpers/control-plane/apply-scenario.ts";
import { clusterDir, readState } from "../helpers/control-plane/cluster-state.ts";
import { FAILURE_SCENARIOS, type ScenarioName } from "../helpers/control-plane/failure-scenarios.ts";
import { readClusterEnv } from "../helpers/k8s-cluster/cluster-env.ts";
import { connectCluster } from "../helpers/k8s-cluster/connect.ts";
import { LIVE_SCENARIOS, type LiveScenario } from "../helpers/k8s-cluster/live-scenarios.ts";
import { judgeScenario, runScenarioCheck } from "../helpers/k8s-cluster/run-scenario.ts";
import { clusterTargetFor } from "../helpers/k8s-cluster/target.ts";
import { DERIVED_RECORDINGS, writeDerivedRecordings } from "../helpers/k8s-replay/derived-recordings.ts";
import { readLangfuseEnv } from "../helpers/langfuse/langfuse-env.ts";

const DEFAULT_WAIT_SECONDS = "60";

async function main(argv: string[]): Promise<number> {
  const record = argv.includes("--record");
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !LIVE_SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(`unknown scenario(s) ${unknown.join(", ")}; known: ${LIVE_SCENARIOS.map((s) => s.name).join(", ")}`);
    return 2;
  }
  const state = readState(clusterDir());
  if (!state) {
    console.error(`no local cluster in ${clusterDir()}: run npm run cluster:up first`);
    return 1;
  }
  const env = {
    ...process.env,
    KUBECONFIG: state.kubeconfig,
    K8S_WAIT_TIMEOUT_SECONDS: process.env.K8S_WAIT_TIMEOUT_SECONDS ?? DEFAULT_WAIT_SECONDS,
  };
  Object.assign(process.env, { K8S_WAIT_TIMEOUT_SECONDS: env.K8S_WAIT_TIMEOUT_SECONDS });
  const waitTimeoutMs = readClusterEnv(env).waitTimeoutMs;
  const selected = names.length === 0 ? [...LIVE_SCENARIOS] : LIVE_SCENARIOS.filter((s) => names.includes(s.name));
  const log = (line: string) => console.log(`  ${line}`);
  let applied: ScenarioName | undefined;
  const failures: string[] = [];
  const target = clusterTargetFor("live", env);
  for (const scenario of selected) {
    const started = Date.now();
    console.log(`== ${scenario.name}: ${FAILURE_SCENARIOS[scenario.manifests].broken}`);
    if (applied !== scenario.manifests) {
      await applyScenario(state, FAILURE_SCENARIOS[scenario.manifests], { env, log });
      applied = scenario.manifests;
    }
    const problems = await runOne(scenario, record, env, target, waitTimeoutMs);
    const took = `${Math.round((Date.now() - started) / 1000)} s`;
    if (problems.length === 0) console.log(`== ${scenario.name}: as expected (${took})`);
    else {
      console.log(`== ${scenario.name}: NOT as expected (${took}):\n   ${problems.join("\n   ")}`);
      failures.push(scenario.name);
    }
  }
  if (applied !== "healthy") await applyScenario(state, FAILURE_SCENARIOS.healthy, { env, log });
  const sources = Object.values(DERIVED_RECORDINGS).map((d) => d.from);
  if (record && selected.some((s) => sources.includes(s.recording) && !failures.includes(s.name)))
    for (const path of writeDerivedRecordings()) console.log(`wrote ${path} (derived)`);
  console.log(
    failures.length === 0
      ? `${selected.length} scenario(s) behaved as expected`
      : `${failures.length} of ${selected.length} scenario(s) did not behave as expected: ${failures.join(", ")}`,
  );
  return failures.length === 0 ? 0 : 1;
}

async function runOne(
  scenario: LiveScenario,
  record: boolean,
  env: NodeJS.ProcessEnv,
  target: ReturnType<typeof clusterTargetFor>,
  waitTimeoutMs: number,
): Promise<string[]> {
  const namespace = scenario.check.startsWith("langfuse") ? readLangfuseEnv(env).namespace : target.namespace;
  const connection = await connectCluster(record ? "record" : "live", scenario.recording, env, { namespace });
  connection.noteIds({ waitTimeoutSeconds: String(waitTimeoutMs / 1000) });
  const outcomes = await runScenarioCheck(scenario, connection, target, waitTimeoutMs);
  for (const o of outcomes) {
    const detail = o.passed ? (o.summary ?? "") : o.error instanceof Error ? o.error.message : String(o.error);
    console.log(`  ${o.passed ? "PASS" : "FAIL"} ${o.name}: ${detail.split("\n")[0]?.slice(0, 400)}`);
  }
  const problems = judgeScenario(scenario, outcomes);
  await connection.close({ passed: problems.length === 0 });
  return problems;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
