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
import { openAzureSession } from "../../helpers/azure/azure-session.ts";
import { readInfraSettings } from "../../helpers/azure/azure-settings.ts";
import { INFRA_RECORDINGS, infraVerifySmoke } from "../../helpers/azure/azure-smokes.ts";
import { INFRA_CRITERIA } from "../../helpers/azure/dod-mapping.ts";
import { InfraAzureChecks } from "../../helpers/azure/infra-azure-checks.ts";
import { InfraVerification } from "../../helpers/azure/infra-verification.ts";
import { checkLangfuseObjects } from "../../helpers/azure/langfuse-objects.ts";
import { recordSessionPolls } from "../../helpers/azure/session-evidence.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson, recordSection } from "../../helpers/evidence/record.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { readLangfuseEnv } from "../../helpers/langfuse/langfuse-env.ts";

const test = defineSmoke({
  ...infraVerifySmoke,
  label: "infra-verify",
  kube: true,
  recordings: { kube: INFRA_RECORDINGS.cluster },
  otherRecordings: [INFRA_RECORDINGS.azure],
});

/** The PASS:/FAIL: lines and DoD rows of both phases, for the last check. */
const verification = test.shared("the verification log", () => new InfraVerification());

test.group("cluster", () => {
  test(INFRA_CRITERIA.dev043, async ({ kube, shared, annotate }) => {
    const namespace = kube.recording?.meta.namespace ?? readLangfuseEnv().namespace;
    await recordIds({ annotate }, { context: kube.clients.describe, namespace });
    const reads = { clients: kube.clients, clock: kube.clock, waitTimeoutMs: readClusterEnv().waitTimeoutMs };
    await (await shared(verification)).run("dev043", (log) => checkLangfuseObjects(reads, namespace, log));
  });
});

test.group("Azure", () => {
  const azure = test.shared(
    "the Azure session",
    async ({ mode, shared }) => {
      const session = openAzureSession(mode, INFRA_RECORDINGS.azure, {
        smoke: infraVerifySmoke.name,
        description: "DEV-044/045 Azure resources",
        readSettings: readInfraSettings,
      });
      return { session, checks: new InfraAzureChecks(session, await shared(verification)) };
    },
    {
      finish: async ({ session }, failed) => {
        const recording = await session.finish(failed);
        if (recording) console.log(`[infra-verify] ${recording.message}`);
      },
    },
  );
  /** One Azure criterion; its retries (Transient failures) go to its evidence. */
  const check = (title: string, step: (c: InfraAzureChecks) => Promise<unknown>) =>
    test(title, async ({ shared, annotate }) => {
      const { session, checks } = await shared(azure);
      try {
        await step(checks);
      } finally {
        await recordSessionPolls({ annotate }, session);
      }
    });

  check(INFRA_CRITERIA.dev044Postgres, (c) => c.postgres());
  check(INFRA_CRITERIA.dev044KeyVault, (c) => c.keyVault());
  check(INFRA_CRITERIA.dev045Endpoints, (c) => c.endpoints());
  check(INFRA_CRITERIA.dev045Dns, (c) => c.dns());
});

test("verify_ai_agent_infra_dev: PASS:/FAIL: lines and the DoD mapping (exit non-zero on any FAIL)", async ({
  shared,
  annotate,
}) => {
  const log = await shared(verification);
  console.log(log.log.text());
  await recordJson({ annotate }, "verify_ai_agent_infra_dev", log.log.lines);
  await recordSection({ annotate }, "DEV-043/044/045 DoD mapping (seed 001)", log.dodTable());
  await recordSection({ annotate }, "verify_ai_agent_infra_dev PASS:/FAIL: lines", log.linesBlock());
  log.assertAllPassed();
});
