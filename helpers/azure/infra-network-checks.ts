/**
 * DEV-045 criteria: private endpoints (every one in the resource group Succeeded with an Approved connection, and
 * one each for the PostgreSQL server and the Azure OpenAI account) and the private DNS zones for both (zone
 * Succeeded, linked to the VNet — Succeeded, Completed — and an A record pointing at the endpoint's private IP).
 */
import type { ArmClient } from "./arm-client.ts";
import { nameOfId, sameId } from "./arm-shape.ts";
import type { InfraSettings } from "./azure-settings.ts";
import { AzureRemoteError } from "./errors.ts";
import { openAiAccountId } from "./openai-account.ts";
import { listARecordSets, listVirtualNetworkLinks, readPrivateDnsZone } from "./private-dns.ts";
import type { PrivateEndpoint } from "./private-endpoints.ts";
import type { VerifyLog } from "./verify-lines.ts";

export interface MatchedEndpoints {
  postgres: PrivateEndpoint | undefined;
  openai: PrivateEndpoint | undefined;
  /** The OpenAI account the endpoint connects to (its resource id). */
  openaiAccountId: string | undefined;
}

const OPENAI_TYPE = /\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i;

function because(error: unknown): string {
  if (error instanceof AzureRemoteError && error.notFound) return `not found (${error.message})`;
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

export function postgresServerId(s: InfraSettings): string {
  return `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${s.postgresServer}`;
}

/** The endpoints that connect to the PostgreSQL server and to the OpenAI account (OPENAI_ACCOUNT_NAME or any). */
export function matchEndpoints(endpoints: ReadonlyArray<PrivateEndpoint>, s: InfraSettings): MatchedEndpoints {
  const pg = postgresServerId(s);
  const openaiId = s.openaiAccount ? openAiAccountId(s.subscriptionId, s.resourceGroup, s.openaiAccount) : undefined;
  const postgres = endpoints.find((e) => e.connections.some((c) => sameId(c.targetId, pg)));
  const openaiMatch = (targetId: string) => (openaiId ? sameId(targetId, openaiId) : OPENAI_TYPE.test(targetId));
  const openai = endpoints.find((e) => e.connections.some((c) => openaiMatch(c.targetId)));
  const openaiAccountId = openai?.connections.find((c) => openaiMatch(c.targetId))?.targetId;
  return { postgres, openai, openaiAccountId };
}

export function checkPrivateEndpoints(
  endpoints: ReadonlyArray<PrivateEndpoint>,
  s: InfraSettings,
  log: VerifyLog,
): MatchedEndpoints {
  const row = "dev045Endpoints";
  if (endpoints.length === 0) log.fail(row, `resource group ${s.resourceGroup} has no private endpoints`);
  for (const e of endpoints) {
    const targets = e.connections.map((c) => nameOfId(c.targetId)).join(", ") || "(no connection)";
    const where = `private endpoint ${e.name} (→ ${targets})`;
    const problems: string[] = [];
    if (e.provisioningState !== "Succeeded")
      problems.push(`provisioningState ${e.provisioningState}, expected Succeeded`);
    if (e.connections.length === 0) problems.push("has no private link service connection");
    for (const c of e.connections) {
      if (c.status !== "Approved")
        problems.push(`connection to ${nameOfId(c.targetId)} is ${c.status}, expected Approved`);
    }
    if (problems.length > 0) log.fail(row, `${where}: ${problems.join("; ")}`);
    else log.pass(row, `${where} is Succeeded, connection Approved (${e.ipAddresses.join(", ") || "no IP listed"})`);
  }
  const matched = matchEndpoints(endpoints, s);
  if (!matched.postgres) {
    log.fail(
      row,
      `no private endpoint in ${s.resourceGroup} connects to PostgreSQL flexible server ${s.postgresServer}`,
    );
  }
  if (!matched.openai) {
    const which = s.openaiAccount
      ? `Azure OpenAI account ${s.openaiAccount}`
      : "an Azure OpenAI (Cognitive Services) account";
    log.fail(row, `no private endpoint in ${s.resourceGroup} connects to ${which}`);
  }
  return matched;
}

async function checkZone(
  arm: ArmClient,
  s: InfraSettings,
  log: VerifyLog,
  zoneName: string,
  endpoint: PrivateEndpoint | undefined,
  serviceName: string,
): Promise<void> {
  const row = "dev045Dns";
  const rg = s.dnsResourceGroup;
  const zone = `private DNS zone ${zoneName} (resource group ${rg})`;
  try {
    const z = await readPrivateDnsZone(arm, s.subscriptionId, rg, zoneName);
    if (z.provisioningState !== "Succeeded") {
      log.fail(row, `${zone}: provisioningState ${z.provisioningState}, expected Succeeded`);
      return;
    }
    const links = await listVirtualNetworkLinks(arm, s.subscriptionId, rg, zoneName);
    const good = links.filter((l) => l.provisioningState === "Succeeded" && l.linkState === "Completed");
    for (const l of links.filter((x) => !good.includes(x))) {
      log.fail(
        row,
        `${zone}: VNet link ${l.name} is ${l.provisioningState}/${l.linkState}, expected Succeeded/Completed`,
      );
    }
    const wanted = s.vnetName
      ? good.filter((l) => nameOfId(l.virtualNetworkId).toLowerCase() === s.vnetName?.toLowerCase())
      : good;
    if (links.length === 0) log.fail(row, `${zone} has no virtual network link`);
    else if (wanted.length === 0 && s.vnetName)
      log.fail(row, `${zone} is not linked to VNet ${s.vnetName} (AZURE_VNET_NAME)`);
    else if (wanted.length > 0) {
      log.pass(
        row,
        `${zone} is linked to ${wanted.map((l) => `${nameOfId(l.virtualNetworkId)} (${l.name})`).join(", ")}`,
      );
    }
    if (!endpoint) {
      log.fail(row, `${zone}: no private endpoint for ${serviceName} to match its A records against`);
      return;
    }
    const records = await listARecordSets(arm, s.subscriptionId, rg, zoneName);
    const hit = records.find((r) => r.ipv4Addresses.some((ip) => endpoint.ipAddresses.includes(ip)));
    if (hit) {
      log.pass(
        row,
        `${zone} has A record ${hit.name} → ${hit.ipv4Addresses.join(", ")} (private endpoint ${endpoint.name})`,
      );
    } else {
      const seen = records.map((r) => `${r.name} → ${r.ipv4Addresses.join(", ")}`).join("; ") || "none";
      log.fail(
        row,
        `${zone} has no A record for private endpoint ${endpoint.name} (${endpoint.ipAddresses.join(", ")}); A records: ${seen}`,
      );
    }
  } catch (error) {
    log.fail(row, `${zone}: ${because(error)}`);
  }
}

export async function checkPrivateDns(
  arm: ArmClient,
  s: InfraSettings,
  log: VerifyLog,
  matched: MatchedEndpoints,
): Promise<void> {
  await checkZone(arm, s, log, s.openaiDnsZone, matched.openai, "Azure OpenAI");
  await checkZone(arm, s, log, s.postgresDnsZone, matched.postgres, `PostgreSQL ${s.postgresServer}`);
}
