/**
 * Self-tests of the infra verification against its failure recordings (fixtures/azure/infra-verify/*.har): each
 * variant fails its own criterion with a message naming the resource and the cause, the other criteria still pass,
 * and the summary (the script's exit) fails listing the FAIL: lines.
 */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { clientsForKubeconfig } from "../k8s-cluster/kube-client.ts";
import { startK8sReplay } from "../k8s-replay/start-replay.ts";
import { openAzureSession } from "./azure-session.ts";
import type { InfraSettings } from "./azure-settings.ts";
import type { InfraRow } from "./dod-mapping.ts";
import { InfraAzureChecks } from "./infra-azure-checks.ts";
import { InfraVerification } from "./infra-verification.ts";
import { checkLangfuseObjects } from "./langfuse-objects.ts";

async function replayAzure(recording: string) {
  const session = openAzureSession<InfraSettings>("replay", recording, {
    smoke: "self-test",
    description: "self-test",
    readSettings: () => {
      throw new Error("a replay must not read the environment");
    },
  });
  const verification = new InfraVerification();
  const checks = new InfraAzureChecks(session, verification);
  const errors: Partial<Record<InfraRow, Error>> = {};
  const steps: Array<[InfraRow, () => Promise<unknown>]> = [
    ["dev044Postgres", () => checks.postgres()],
    ["dev044KeyVault", () => checks.keyVault()],
    ["dev045Endpoints", () => checks.endpoints()],
    ["dev045Dns", () => checks.dns()],
  ];
  try {
    for (const [row, step] of steps) await step().catch((e: Error) => (errors[row] = e));
    await session.finish();
  } finally {
    session.close();
  }
  return { errors, verification, clock: session.clock as VirtualClock };
}

const dir = "fixtures/azure/infra-verify";

describe("infra verification against recordings (self-test)", { tags: ["azure", "replay", "self-test"] }, () => {
  it("the healthy recording passes every Azure criterion, through MSW, on the recording's settings", async () => {
    const { errors, verification } = await replayAzure(`${dir}/azure.har`);
    expect(errors).toEqual({});
    expect(verification.log.text()).toMatch(/^PASS: PostgreSQL flexible server nsc-pg-langfuse-dev .* is Ready/m);
    expect(verification.log.lines.every((l) => l.ok)).toBe(true);
  });

  it("a missing private DNS zone fails DEV-045 DNS naming the zone, resource group and 404 ResourceNotFound", async () => {
    const { errors, verification } = await replayAzure(`${dir}/dns-zone-missing.har`);
    expect(Object.keys(errors)).toEqual(["dev045Dns"]);
    expect(errors.dev045Dns?.message).toMatch(
      /^DEV-045: private DNS zones .*: private DNS zone privatelink\.openai\.azure\.com \(resource group nsc-rg-ai-agent-dev\): not found \(read private DNS zone privatelink\.openai\.azure\.com \(resource group nsc-rg-ai-agent-dev\) failed \(Permanent, HTTP 404 ResourceNotFound\): The Resource 'Microsoft\.Network\/privateDnsZones\/privatelink\.openai\.azure\.com'/,
    );
    // The PostgreSQL zone is still checked after the OpenAI zone failed.
    expect(verification.log.text()).toContain("PASS: private DNS zone privatelink.postgres.database.azure.com");
    // The script's exit: the FAIL: line, and DEV-043, which this Azure-only replay did not run.
    expect(() => verification.assertAllPassed()).toThrow(
      /2 required check\(s\) did not pass \(exit 1\): FAIL: private DNS zone privatelink\.openai.*; not run: DEV-043/,
    );
  });

  it("a private endpoint that is not Succeeded fails DEV-045 endpoints naming it and its state", async () => {
    const { errors } = await replayAzure(`${dir}/endpoint-not-succeeded.har`);
    expect(Object.keys(errors)).toEqual(["dev045Endpoints"]);
    expect(errors.dev045Endpoints?.message).toContain(
      "private endpoint pe-nsc-pg-langfuse-dev (→ nsc-pg-langfuse-dev): provisioningState Failed, expected Succeeded",
    );
  });

  it("ARM answering 503 is Transient: retried with back-off within the read budget, then DEV-044 fails naming the server", async () => {
    const { errors, clock } = await replayAzure(`${dir}/arm-503.har`);
    expect(Object.keys(errors)).toEqual(["dev044Postgres"]);
    expect(errors.dev044Postgres?.message).toMatch(
      /PostgreSQL flexible server nsc-pg-langfuse-dev \(resource group nsc-rg-ai-agent-dev\): read PostgreSQL flexible server nsc-pg-langfuse-dev .* failed \(Transient, HTTP 503 ServiceUnavailable\)/,
    );
    // 1 + 2 + 4 + 8 + 16 s of back-off; the next 30 s would pass the 60 s budget.
    expect(clock.slept).toBe(31_000);
  });
});

describe("DEV-043 against cluster recordings (self-test)", { tags: ["azure", "k8s", "replay", "self-test"] }, () => {
  const run = async (recording: string) => {
    await using replay = await startK8sReplay(recording);
    const verification = new InfraVerification();
    const reads = { clients: clientsForKubeconfig(replay.kubeconfigPath), clock: replay.clock, waitTimeoutMs: 300_000 };
    const outcome = await verification
      .run("dev043", (log) => checkLangfuseObjects(reads, "default", log))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    return { outcome, verification };
  };

  it("passes on the healthy cluster", async () => {
    const { outcome, verification } = await run(`${dir}/cluster.har`);
    expect(outcome).toBeUndefined();
    expect(verification.log.text()).toContain(
      "PASS: service/langfuse-internal in namespace default is ClusterIP 10.0.143.27",
    );
  });

  it("a missing deployment/langfuse fails DEV-043 with NotFound, and the Service is still checked", async () => {
    const { outcome, verification } = await run(`${dir}/cluster-deployment-missing.har`);
    expect(outcome?.message).toBe(
      "DEV-043: LangFuse Deployment langfuse and ClusterIP Service langfuse-internal exist: deployment/langfuse in namespace default: not found (HTTP 404 NotFound)",
    );
    expect(verification.log.text()).toContain("PASS: service/langfuse-internal");
  });
});

describe("the virtual clock of a replay", { tags: ["self-test"] }, () => {
  it("starts where the recording started", async () => {
    const session = openAzureSession<InfraSettings>("replay", `${dir}/azure.har`, {
      smoke: "s",
      description: "d",
      readSettings: () => ({}) as InfraSettings,
    });
    try {
      expect(new Date(session.clock.now()).toISOString()).toBe("2026-02-24T01:32:10.000Z");
      expect(session.clock).toBeInstanceOf(VirtualClock);
    } finally {
      session.close();
    }
  });
});
