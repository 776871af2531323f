// @module-tag azure
/**
 * Seed 001 Phase 2 "Automatic Verification" (verify_ai_agent_infra_dev.sh) as a smoke: one criterion per DoD row the
 * runbook marks Automated — DEV-043 LangFuse Deployment + langfuse-internal ClusterIP (cluster), DEV-044 PostgreSQL
 * Flexible Server state and Key Vault secret NAMES, DEV-045 private endpoints and private DNS zones with VNet links —
 * then the PASS:/FAIL: lines and the DoD mapping table in report.md; any FAIL fails the last check (the script's
 * non-zero exit). Read-only. Gate RUN_INFRA_VERIFY_SMOKE=1 with AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP,
 * KEY_VAULT_NAME, an Azure sign-in and a kubeconfig; otherwise it replays fixtures/azure/infra-verify/.
 * The cluster phase runs before the Azure phase (the Azure replay intercepts HTTP in this process).
 */
import { describe } from "vitest";
import { type AzureSession, openAzureSession } from "../../helpers/azure/azure-session.ts";
import { type InfraSettings, readInfraSettings } from "../../helpers/azure/azure-settings.ts";
import { INFRA_RECORDINGS, infraVerifySmoke } from "../../helpers/azure/azure-smokes.ts";
import { INFRA_CRITERIA } from "../../helpers/azure/dod-mapping.ts";
import { needed } from "../../helpers/azure/errors.ts";
import { InfraAzureChecks } from "../../helpers/azure/infra-azure-checks.ts";
import { InfraVerification } from "../../helpers/azure/infra-verification.ts";
import { checkLangfuseObjects } from "../../helpers/azure/langfuse-objects.ts";
import { recordSessionPolls } from "../../helpers/azure/session-evidence.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import { recordIds, recordJson, recordSection } from "../../helpers/evidence/record.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { type ClusterConnection, connectCluster } from "../../helpers/k8s-cluster/connect.ts";
import { readLangfuseEnv } from "../../helpers/langfuse/langfuse-env.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

describeSmoke(infraVerifySmoke, (s) => {
  const verification = new InfraVerification();

  describe("cluster", () => {
    let connection: ClusterConnection | undefined;
    const failed = trackFailedChecks();
    s.beforeAll(async () => {
      connection = await connectCluster(s.mode, INFRA_RECORDINGS.cluster);
    });
    s.afterAll(() => connection?.close({ passed: failed.length === 0 }));

    s.it(INFRA_CRITERIA.dev043, async (ctx) => {
      const c = needed(connection, "no cluster connection (see the beforeAll error)");
      const namespace = c.recording?.meta.namespace ?? readLangfuseEnv().namespace;
      await recordIds(ctx, { context: c.clients.describe, namespace });
      const reads = { clients: c.clients, clock: c.clock, waitTimeoutMs: readClusterEnv().waitTimeoutMs };
      await verification.run("dev043", (log) => checkLangfuseObjects(reads, namespace, log));
    });
  });

  describe("Azure", () => {
    let session: AzureSession<InfraSettings> | undefined;
    let checks: InfraAzureChecks | undefined;
    const failed = trackFailedChecks();
    s.beforeAll(() => {
      session = openAzureSession(s.mode, INFRA_RECORDINGS.azure, {
        smoke: infraVerifySmoke.name,
        description: "DEV-044/045 Azure resources",
        readSettings: readInfraSettings,
      });
      checks = new InfraAzureChecks(session, verification);
    });
    s.afterAll(async () => {
      const recording = await session?.finish(failed);
      if (recording) console.log(`[infra-verify] ${recording.message}`);
    });
    /** One Azure criterion; its retries (Transient failures) go to its evidence. */
    const check = (title: string, step: (c: InfraAzureChecks) => Promise<unknown>) =>
      s.it(title, async (ctx) => {
        try {
          await step(needed(checks, "no Azure session (see the beforeAll error)"));
        } finally {
          await recordSessionPolls(ctx, session);
        }
      });

    check(INFRA_CRITERIA.dev044Postgres, (c) => c.postgres());
    check(INFRA_CRITERIA.dev044KeyVault, (c) => c.keyVault());
    check(INFRA_CRITERIA.dev045Endpoints, (c) => c.endpoints());
    check(INFRA_CRITERIA.dev045Dns, (c) => c.dns());
  });

  s.it("verify_ai_agent_infra_dev: PASS:/FAIL: lines and the DoD mapping (exit non-zero on any FAIL)", async (ctx) => {
    console.log(verification.log.text());
    await recordJson(ctx, "verify_ai_agent_infra_dev", verification.log.lines);
    await recordSection(ctx, "DEV-043/044/045 DoD mapping (seed 001)", verification.dodTable());
    await recordSection(ctx, "verify_ai_agent_infra_dev PASS:/FAIL: lines", verification.linesBlock());
    verification.assertAllPassed();
  });
});
