import { configDefaults } from "vitest/config";
import { smokebookConfig } from "./helpers/config/smokebook-config.ts";
import { usesOwnContract } from "./helpers/contract/load.ts";

// The harness self-tests run fixture suites (fixtures/harness-suites/<name>) through this very config, to prove
// the evidence wiring and redaction end to end; SMOKEBOOK_FIXTURE_SUITE=<name> includes one of them.
const fixtureSuite = process.env.SMOKEBOOK_FIXTURE_SUITE;
const fixtureSuites = fixtureSuite ? [`fixtures/harness-suites/${fixtureSuite}/*.test.ts`] : [];

// One project per suites/<system>/ folder (smokebook/config finds them); the stages run in their runbook order
// (Local → Docker → K8s, groupOrder 1-3) after the others, so the layer diagnosis at the end of the K8s stage sees
// all three.
export default smokebookConfig({
  root: import.meta.dirname,
  // Most self-tests wait on child processes (vitest, python, docker, kubectl): three workers on a 2-core machine
  // finish npm test in 78 s where vitest's default (one worker there) takes 154 s (npm run bench:test).
  maxWorkers: 3,
  // The files of a worker share one module graph instead of re-importing the Databricks, Azure and Kubernetes SDKs
  // for each of ~170 files (80 s → 64 s); none keeps global state between files (env stubs undone, interceptions
  // closed in afterAll, servers stopped), which the whole suite passing this way shows.
  isolate: false,
  tags: [
    { name: "local", description: "Stage: the target app as a local process." },
    { name: "docker", description: "Stage: the target container on a Docker engine." },
    { name: "k8s", description: "Stage: Kubernetes manifests and cluster." },
    { name: "databricks", description: "Databricks workspace smokes." },
    { name: "contract", description: "The execution-contract checks: Local/Docker/K8s stages and their self-tests." },
    { name: "package", description: "Packs smokebook and runs the README examples in a fresh project." },
    { name: "azure", description: "Azure smokes of seed 001 (infra verification, alerts, private path, rollback)." },
  ],
  projects: [
    {
      extends: true,
      test: {
        name: "harness",
        include: ["helpers/**/*.test.ts", "scripts/**/*.test.ts", ...fixtureSuites],
        testTimeout: 60_000,
      },
    },
  ],
  systems: {
    local: { sequence: { groupOrder: 1 }, testTimeout: 60_000, hookTimeout: 60_000 },
    docker: { sequence: { groupOrder: 2 }, testTimeout: 300_000, hookTimeout: 600_000, fileParallelism: false },
    k8s: {
      sequence: { groupOrder: 3 },
      // One file at a time: the live smokes share one cluster and the pod-restart smoke deletes the pod the cluster
      // smoke port-forwards to (seen when they ran side by side).
      fileParallelism: false,
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // These two only replay the embedded sample's recordings: with another contract under test they stay out of
      // the run and its report (the cluster and LangFuse files keep their live blocks and drop their replays).
      exclude: usesOwnContract()
        ? [
            ...configDefaults.exclude,
            "suites/k8s/k8s-replay-kubectl.test.ts",
            "suites/k8s/k8s-scenarios-replay.test.ts",
          ]
        : configDefaults.exclude,
    },
    // Live Databricks runs poll up to 900 s by default; replays finish in well under a second.
    databricks: { testTimeout: 1_200_000, hookTimeout: 120_000 },
    // Live alert smokes wait up to 5 min for Log Analytics, 15 min for an alert and 5 min more to see it once.
    azure: { testTimeout: 2_400_000, hookTimeout: 120_000 },
  },
});
