/**
 * Self-tests of the private-path smoke against its recordings: the healthy pair passes; an OpenAI account that still
 * accepts public connections and a PostgreSQL host that resolves to its public address inside the cluster each fail
 * their criterion naming the resource, the address and what was expected.
 */
import { describe, expect, it } from "vitest";
import { clientsForKubeconfig } from "../k8s-cluster/kube-client.ts";
import { startK8sReplay } from "../k8s-replay/start-replay.ts";
import { openAzureSession } from "./azure-session.ts";
import type { InfraSettings } from "./azure-settings.ts";
import { isPrivateAddress } from "./private-path-probe.ts";
import { PrivatePathRun } from "./private-path-run.ts";

const dir = "fixtures/azure/private-path";

async function replay(azure: string, cluster: string) {
  const run = new PrivatePathRun();
  const session = openAzureSession<InfraSettings>("replay", `${dir}/${azure}`, {
    smoke: "self-test",
    description: "self-test",
    readSettings: () => {
      throw new Error("a replay must not read the environment");
    },
  });
  const outcome: Record<string, string> = {};
  const note = (key: string) => (e: Error) => {
    outcome[key] = e.message;
  };
  try {
    await run.publicAccess(session.arm, session.settings).catch(note("publicAccess"));
    await session.finish();
  } finally {
    session.close();
  }
  await using k8s = await startK8sReplay(`${dir}/${cluster}`);
  const side = {
    clients: clientsForKubeconfig(k8s.kubeconfigPath),
    clock: k8s.clock,
    waitTimeoutMs: 300_000,
    namespace: "default",
  };
  await run.langfuse(side).catch(note("langfuse"));
  await run.postgres(side).catch(note("postgres"));
  await run.openai(side).catch(note("openai"));
  return { outcome, run };
}

describe("private-path smoke against recordings (self-test)", { tags: ["azure", "k8s", "replay", "self-test"] }, () => {
  it("healthy: every host resolves to its private address from the LangFuse pod, public access is Disabled", async () => {
    const { outcome, run } = await replay("azure.har", "cluster.har");
    expect(outcome).toEqual({});
    expect(run.checklist().problems).toEqual([]);
  });

  it("an OpenAI account with publicNetworkAccess Enabled fails the public-fallback criterion, naming it", async () => {
    const { outcome, run } = await replay("openai-public-access.har", "cluster.har");
    expect(Object.keys(outcome)).toEqual(["publicAccess"]);
    expect(outcome.publicAccess).toContain(
      "Azure OpenAI nsc-openai-dev: publicNetworkAccess Enabled, expected Disabled — a connection from outside the VNet would be accepted (public endpoint fallback)",
    );
    expect(run.checklist().markdown).toContain("public access: FAIL");
  });

  it("a PostgreSQL host resolving to a public address inside the cluster fails the PostgreSQL criterion", async () => {
    const { outcome } = await replay("azure.har", "cluster-public-postgres.har");
    expect(Object.keys(outcome)).toEqual(["postgres"]);
    expect(outcome.postgres).toBe(
      "LangFuse runtime → PostgreSQL: the server's host resolves only to its private endpoint, the connection uses it: nsc-pg-langfuse-dev.postgres.database.azure.com resolves to 20.41.65.100 (public), not only to private endpoint pe-nsc-pg-langfuse-dev's 10.40.2.5: the runtime would not use the private path",
    );
  });

  it("private addresses: RFC 1918, 100.64/10 and IPv6 ULA are private; others are not", () => {
    expect(
      ["10.1.2.3", "172.16.0.1", "172.31.255.1", "192.168.1.1", "100.64.0.1", "fd12:3456::1"].every(isPrivateAddress),
    ).toBe(true);
    expect(["20.41.65.100", "172.32.0.1", "8.8.8.8", "2603:1030::1"].some(isPrivateAddress)).toBe(false);
  });
});
