import { defineConfig } from "vitest/config";
import { evidenceDir } from "./helpers/evidence/evidence-dir.ts";
import { smokebookEvidence } from "./helpers/evidence/plugin.ts";

const evidence = evidenceDir();
// Workers read this run's evidence (the layer diagnosis reads the Local and Docker verdicts from it).
process.env.SMOKEBOOK_EVIDENCE_DIR = evidence;
const setupFiles = ["./helpers/evidence/worker-setup.ts"];
// The harness self-tests run fixture suites (fixtures/harness-suites/<name>) through this very config, to prove
// the evidence wiring and redaction end to end; SMOKEBOOK_FIXTURE_SUITE=<name> includes one of them.
const fixtureSuite = process.env.SMOKEBOOK_FIXTURE_SUITE;
const fixtureSuites = fixtureSuite ? [`fixtures/harness-suites/${fixtureSuite}/*.test.ts`] : [];

export default defineConfig({
  plugins: [smokebookEvidence(evidence)],
  test: {
    reporters: ["default", "junit", "json"],
    runner: "./helpers/evidence/redacting-runner.ts",
    outputFile: {
      junit: `${evidence}/junit.xml`,
      json: `${evidence}/results.json`,
    },
    tags: [
      { name: "live", description: "Runs against a real workspace, cluster or engine (gate and credentials on)." },
      { name: "replay", description: "Runs against recorded HTTP traffic on a virtual clock." },
      { name: "record", description: "Live, writing a redacted HAR recording for later replay." },
      { name: "destructive", description: "Changes shared state (deletes a pod, restarts a deployment)." },
      { name: "slow", description: "Takes more than a few seconds even offline (builds images, starts processes)." },
      {
        name: "self-test",
        description: "Feeds a check a broken input and proves that it fails with the right message.",
      },
      { name: "local", description: "Stage: the target app as a local process." },
      { name: "docker", description: "Stage: the target container on a Docker engine." },
      { name: "k8s", description: "Stage: Kubernetes manifests and cluster." },
      { name: "databricks", description: "Databricks workspace smokes." },
      { name: "azure", description: "Azure smokes of seed 001 (infra verification, alerts, private path, rollback)." },
    ],
    // The stages run in their runbook order (Local → Docker → K8s, groupOrder 1-3) after the harness and Databricks
    // projects, so the layer diagnosis at the end of the K8s stage sees all three.
    projects: [
      {
        extends: true,
        test: {
          name: "harness",
          include: ["helpers/**/*.test.ts", "scripts/**/*.test.ts", ...fixtureSuites],
          setupFiles,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "local",
          sequence: { groupOrder: 1 },
          include: ["suites/local/**/*.test.ts"],
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "docker",
          sequence: { groupOrder: 2 },
          include: ["suites/docker/**/*.test.ts"],
          setupFiles,
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "k8s",
          sequence: { groupOrder: 3 },
          include: ["suites/k8s/**/*.test.ts"],
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // Live Databricks runs poll up to 900 s by default; replays finish in well under a second.
        test: {
          name: "databricks",
          include: ["suites/databricks/**/*.test.ts"],
          setupFiles,
          testTimeout: 1_200_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // Live alert smokes wait up to 5 min for Log Analytics, 15 min for an alert and 5 min more to see it once.
        test: {
          name: "azure",
          include: ["suites/azure/**/*.test.ts"],
          setupFiles,
          testTimeout: 2_400_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
