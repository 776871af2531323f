/**
 * The secret NAMES of a Key Vault, through the management plane (Microsoft.KeyVault/vaults/secrets): it returns
 * names and attributes only — its `value` property "will never be returned from the service" (Key Vault REST
 * reference) — so this read cannot see a secret value. An item that carried one anyway is refused unread.
 */
import { z } from "zod";
import { API_VERSIONS } from "./api-versions.ts";
import type { ArmClient } from "./arm-client.ts";
import { parseArm, resourceGroupPath } from "./arm-shape.ts";
import { AzureShapeError } from "./errors.ts";

const secretItem = z.object({
  name: z.string(),
  properties: z.object({ attributes: z.object({ enabled: z.boolean().optional() }).optional() }).loose(),
});

export interface SecretName {
  name: string;
  enabled: boolean;
}

export async function listSecretNames(
  arm: ArmClient,
  subscriptionId: string,
  resourceGroup: string,
  vaultName: string,
): Promise<SecretName[]> {
  const resource = `Key Vault ${vaultName} secrets (resource group ${resourceGroup})`;
  const path = `${resourceGroupPath(subscriptionId, resourceGroup)}/providers/Microsoft.KeyVault/vaults/${vaultName}/secrets`;
  const items = await arm.list(path, API_VERSIONS.keyVault, resource);
  return items.map((item, i) => {
    const s = parseArm(secretItem, item, `${resource} (value[${i}])`);
    if (Object.hasOwn(s.properties, "value")) {
      throw new AzureShapeError(resource, `value[${i}].properties.value`, "is present: smokebook reads names only");
    }
    return { name: s.name, enabled: s.properties.attributes?.enabled !== false };
  });
}
