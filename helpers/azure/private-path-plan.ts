/**
 * The Azure half of the private-path smoke: which private endpoint addresses the PostgreSQL server and the Azure
 * OpenAI account must resolve to from inside the VNet, and whether their public network access is Disabled — the
 * "public endpoint refuses" half of "no runtime dependency succeeds via public endpoint fallback".
 */
import type { ArmClient } from "./arm-client.ts";
import type { InfraSettings } from "./azure-settings.ts";
import { matchEndpoints } from "./infra-network-checks.ts";
import { readOpenAiAccount } from "./openai-account.ts";
import { readPostgresServer } from "./postgres-server.ts";
import { listPrivateEndpoints } from "./private-endpoints.ts";

export interface PrivateTarget {
  /** "PostgreSQL nsc-pg-langfuse-dev", "Azure OpenAI nsc-openai-dev" */
  label: string;
  host: string;
  port: number;
  /** The private endpoint's addresses; empty when no endpoint was found. */
  expected: string[];
  endpoint: string | undefined;
  publicNetworkAccess: string | undefined;
}

export async function privatePathPlan(arm: ArmClient, s: InfraSettings): Promise<PrivateTarget[]> {
  const endpoints = await listPrivateEndpoints(arm, s.subscriptionId, s.resourceGroup);
  const matched = matchEndpoints(endpoints, s);
  const pg = await readPostgresServer(arm, s.subscriptionId, s.resourceGroup, s.postgresServer);
  const targets: PrivateTarget[] = [
    {
      label: `PostgreSQL ${pg.name}`,
      host: pg.fqdn,
      port: 5432,
      expected: matched.postgres?.ipAddresses ?? [],
      endpoint: matched.postgres?.name,
      publicNetworkAccess: pg.publicNetworkAccess,
    },
  ];
  if (matched.openaiAccountId) {
    const openai = await readOpenAiAccount(arm, matched.openaiAccountId);
    targets.push({
      label: `Azure OpenAI ${openai.name}`,
      host: openai.host,
      port: 443,
      expected: matched.openai?.ipAddresses ?? [],
      endpoint: matched.openai?.name,
      publicNetworkAccess: openai.publicNetworkAccess,
    });
  } else {
    targets.push({
      label: `Azure OpenAI ${s.openaiAccount ?? "(account)"}`,
      host: s.openaiAccount ? `${s.openaiAccount}.openai.azure.com` : "",
      port: 443,
      expected: [],
      endpoint: undefined,
      publicNetworkAccess: undefined,
    });
  }
  return targets;
}
