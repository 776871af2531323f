// @module-tag azure
/**
 * Seed 001 "Private-path-only validation checklist": from inside the cluster (an exec into a Ready LangFuse pod, no
 * new pod), langfuse-internal resolves to its ClusterIP and the PostgreSQL and Azure OpenAI host names resolve only
 * to their private endpoints' addresses, and the TCP connection uses them; the public endpoints refuse
 * (publicNetworkAccess Disabled). The Databricks → LangFuse leg stays manual evidence. Read-only (one TCP handshake
 * per host). Gate RUN_PRIVATE_PATH_SMOKE=1 with AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, an Azure sign-in and a
 * kubeconfig; otherwise it replays fixtures/azure/private-path/. The Azure phase runs before the cluster phase.
 */
import { openAzureSession } from "../../helpers/azure/azure-session.ts";
import { readInfraSettings } from "../../helpers/azure/azure-settings.ts";
import { PRIVATE_PATH_RECORDINGS, privatePathSmoke } from "../../helpers/azure/azure-smokes.ts";
import { AzureCheckError } from "../../helpers/azure/errors.ts";
import { type ClusterSide, PRIVATE_PATH_CRITERIA, PrivatePathRun } from "../../helpers/azure/private-path-run.ts";
import { recordSessionPolls } from "../../helpers/azure/session-evidence.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson, recordSection } from "../../helpers/evidence/record.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import type { ClusterConnection } from "../../helpers/k8s-cluster/connect.ts";

const test = defineSmoke({
  ...privatePathSmoke,
  label: "private-path",
  kube: true,
  recordings: { kube: PRIVATE_PATH_RECORDINGS.cluster },
  otherRecordings: [PRIVATE_PATH_RECORDINGS.azure],
});

/** The plan, probe and verdicts of both phases; the namespace is the Azure settings' (else "default"). */
const path = test.shared("the private-path run", () => ({ run: new PrivatePathRun(), namespace: "default" }));

test.group("Azure", () => {
  const azure = test.shared(
    "the Azure session",
    async ({ mode, shared }) => {
      const session = openAzureSession(mode, PRIVATE_PATH_RECORDINGS.azure, {
        smoke: privatePathSmoke.name,
        description: "private endpoints, PostgreSQL server, OpenAI account",
        readSettings: readInfraSettings,
      });
      (await shared(path)).namespace = session.settings.namespace;
      return session;
    },
    {
      finish: async (session, failed) => {
        const recording = await session.finish(failed);
        if (recording) console.log(`[private-path] ${recording.message}`);
      },
    },
  );

  test(PRIVATE_PATH_CRITERIA.publicAccess, async ({ shared, annotate }) => {
    const session = await shared(azure);
    const { run } = await shared(path);
    try {
      await recordIds({ annotate }, { facts: (await run.publicAccess(session.arm, session.settings)).join("; ") });
    } finally {
      if (run.plan) await recordJson({ annotate }, "private path plan", run.plan);
      await recordSessionPolls({ annotate }, session);
    }
  });
});

test.group("cluster", () => {
  const side = (kube: ClusterConnection, namespace: string): ClusterSide => ({
    clients: kube.clients,
    clock: kube.clock,
    waitTimeoutMs: readClusterEnv().waitTimeoutMs,
    namespace,
  });
  /** One name resolved and connected from inside the cluster, with the probe pod in its evidence. */
  const resolves = (
    title: string,
    step: (run: PrivatePathRun, side: ClusterSide) => ReturnType<PrivatePathRun["langfuse"]>,
  ) =>
    test(title, async ({ kube, shared, annotate }) => {
      const { run, namespace } = await shared(path);
      const r = await step(run, side(kube, namespace));
      const probe = await run.probe(side(kube, namespace));
      await recordIds(
        { annotate },
        { pod: probe.pod, host: r.host, resolved: r.addresses.join(" "), connected: r.connected ?? "none" },
      );
    });

  resolves(PRIVATE_PATH_CRITERIA.langfuse, (run, s) => run.langfuse(s));
  resolves(PRIVATE_PATH_CRITERIA.postgres, (run, s) => run.postgres(s));
  resolves(PRIVATE_PATH_CRITERIA.openai, (run, s) => run.openai(s));
});

test("private-path-only checklist: every automated item passed (table in report.md)", async ({ shared, annotate }) => {
  const { markdown, problems } = (await shared(path)).run.checklist();
  await recordSection({ annotate }, "Private-path-only validation (seed 001)", markdown);
  if (problems.length > 0) throw new AzureCheckError("PRIVATE_PATH", "private-path-only checklist", problems);
});
