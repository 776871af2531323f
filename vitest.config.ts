import { smokebookConfig } from "./helpers/config/smokebook-config.ts";

// The harness self-tests run fixture suites (fixtures/harness-suites/<name>) through this very config, to prove
// the evidence wiring and redaction end to end; SMOKEBOOK_FIXTURE_SUITE=<name> includes one of them.
const fixtureSuite = process.env.SMOKEBOOK_FIXTURE_SUITE;
const fixtureSuites = fixtureSuite ? [`fixtures/harness-suites/${fixtureSuite}/*.test.ts`] : [];

// One project per suites/<system>/ folder (smokebook/config finds them); the stages run in their runbook order
// (Local → Docker → K8s, groupOrder 1-3) after the others, so the layer diagnosis at the end of the K8s stage sees
// all three.
export default smokebookConfig({
  root: import.meta.dirname,
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
    k8s: { sequence: { groupOrder: 3 }, testTimeout: 120_000, hookTimeout: 120_000 },
    // Live Databricks runs poll up to 900 s by default; replays finish in well under a second.
    databricks: { testTimeout: 1_200_000, hookTimeout: 120_000 },
    // Live alert smokes wait up to 5 min for Log Analytics, 15 min for an alert and 5 min more to see it once.
    azure: { testTimeout: 2_400_000, hookTimeout: 120_000 },
  },
});
