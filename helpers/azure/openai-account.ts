/** Microsoft.CognitiveServices/accounts: the Azure OpenAI account, its endpoint and public network access. */
import { z } from "zod";
import { API_VERSIONS } from "./api-versions.ts";
import type { ArmClient } from "./arm-client.ts";
import { parseArm } from "./arm-shape.ts";

const account = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string().optional(),
  properties: z.object({
    endpoint: z.string(),
    provisioningState: z.string().optional(),
    publicNetworkAccess: z.string().optional(),
  }),
});

export interface OpenAiAccount {
  id: string;
  name: string;
  /** The endpoint's host name, e.g. nsc-openai-dev.openai.azure.com. */
  host: string;
  publicNetworkAccess: string | undefined;
}

/** Reads the account by its resource id (as a private endpoint names it). */
export async function readOpenAiAccount(arm: ArmClient, accountId: string): Promise<OpenAiAccount> {
  const resource = `Azure OpenAI account ${accountId.split("/").at(-1)}`;
  const a = parseArm(account, await arm.get(accountId, API_VERSIONS.cognitiveServices, resource), resource);
  return {
    id: a.id,
    name: a.name,
    host: new URL(a.properties.endpoint).hostname,
    publicNetworkAccess: a.properties.publicNetworkAccess,
  };
}

export function openAiAccountId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${name}`;
}
