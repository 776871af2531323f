// @module-tag azure
/**
 * Seed 001 "Private-path-only validation checklist": from inside the cluster (an exec into a Ready LangFuse pod, no
 * new pod), langfuse-internal resolves to its ClusterIP and the PostgreSQL and Azure OpenAI host names resolve only
 * to their private endpoints' addresses, and the TCP connection uses them; the public endpoints refuse
 * (publicNetworkAccess Disabled). The Databricks → LangFuse leg stays manual evidence. Read-only (one TCP handshake
 * per host). Gate RUN_PRIVATE_PATH_SMOKE=1 with AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, an Azure sign-in and a
 * kubeconfig; otherwise it replays fixtures/azure/private-path/. The Azure phase runs before the cluster phase.
 */
import { describe } from "vitest";
import { type AzureSession, openAzureSession } from "../../helpers/azure/azure-session.ts";
import { type InfraSettings, readInfraSettings } from "../../helpers/azure/azure-settings.ts";
import { PRIVATE_PATH_RECORDINGS, privatePathSmoke } from "../../helpers/azure/azure-smokes.ts";
import { AzureCheckError, needed } from "../../helpers/azure/errors.ts";
import { type ClusterSide, PRIVATE_PATH_CRITERIA, PrivatePathRun } from "../../helpers/azure/private-path-run.ts";
import { recordSessionPolls } from "../../helpers/azure/session-evidence.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import { recordIds, recordJson, recordSection } from "../../helpers/evidence/record.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { type ClusterConnection, connectCluster } from "../../helpers/k8s-cluster/connect.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

describeSmoke(privatePathSmoke, (s) => {
  const run = new PrivatePathRun();
  let namespace = "default";

  describe("Azure", () => {
    let session: AzureSession<InfraSettings> | undefined;
    const failed = trackFailedChecks();
    s.beforeAll(() => {
      session = openAzureSession(s.mode, PRIVATE_PATH_RECORDINGS.azure, {
        smoke: privatePathSmoke.name,
        description: "private endpoints, PostgreSQL server, OpenAI account",
        readSettings: readInfraSettings,
      });
      namespace = session.settings.namespace;
    });
    s.afterAll(async () => {
      const recording = await session?.finish(failed);
      if (recording) console.log(`[private-path] ${recording.message}`);
    });

    s.it(PRIVATE_PATH_CRITERIA.publicAccess, async (ctx) => {
      const active = needed(session, "no Azure session (see the beforeAll error)");
      try {
        await recordIds(ctx, { facts: (await run.publicAccess(active.arm, active.settings)).join("; ") });
      } finally {
        if (run.plan) await recordJson(ctx, "private path plan", run.plan);
        await recordSessionPolls(ctx, session);
      }
    });
  });

  describe("cluster", () => {
    let connection: ClusterConnection | undefined;
    const failed = trackFailedChecks();
    s.beforeAll(async () => {
      connection = await connectCluster(s.mode, PRIVATE_PATH_RECORDINGS.cluster);
    });
    s.afterAll(() => connection?.close({ passed: failed.length === 0 }));
    const side = (): ClusterSide => {
      const c = needed(connection, "no cluster connection (see the beforeAll error)");
      return { clients: c.clients, clock: c.clock, waitTimeoutMs: readClusterEnv().waitTimeoutMs, namespace };
    };
    const evidence = async (
      ctx: Parameters<typeof recordIds>[0],
      r: { host: string; addresses: string[]; connected: string | null },
    ) => {
      const probe = await run.probe(side());
      await recordIds(ctx, {
        pod: probe.pod,
        host: r.host,
        resolved: r.addresses.join(" "),
        connected: r.connected ?? "none",
      });
    };

    s.it(PRIVATE_PATH_CRITERIA.langfuse, async (ctx) => evidence(ctx, await run.langfuse(side())));
    s.it(PRIVATE_PATH_CRITERIA.postgres, async (ctx) => evidence(ctx, await run.postgres(side())));
    s.it(PRIVATE_PATH_CRITERIA.openai, async (ctx) => evidence(ctx, await run.openai(side())));
  });

  s.it("private-path-only checklist: every automated item passed (table in report.md)", async (ctx) => {
    const { markdown, problems } = run.checklist();
    await recordSection(ctx, "Private-path-only validation (seed 001)", markdown);
    if (problems.length > 0) throw new AzureCheckError("PRIVATE_PATH", "private-path-only checklist", problems);
  });
});
