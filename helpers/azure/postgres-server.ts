/** Microsoft.DBforPostgreSQL/flexibleServers: the LangFuse database server, its state and network access. */
import { z } from "zod";
import { API_VERSIONS } from "./api-versions.ts";
import type { ArmClient } from "./arm-client.ts";
import { parseArm, resourceGroupPath } from "./arm-shape.ts";

const server = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    state: z.string(),
    fullyQualifiedDomainName: z.string(),
    version: z.string().optional(),
    network: z.object({ publicNetworkAccess: z.string().optional() }).optional(),
  }),
});

export interface PostgresServer {
  id: string;
  name: string;
  /** Ready, Starting, Stopped, Disabled, Updating… */
  state: string;
  fqdn: string;
  version: string | undefined;
  publicNetworkAccess: string | undefined;
}

export async function readPostgresServer(
  arm: ArmClient,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): Promise<PostgresServer> {
  const resource = `PostgreSQL flexible server ${name} (resource group ${resourceGroup})`;
  const path = `${resourceGroupPath(subscriptionId, resourceGroup)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${name}`;
  const s = parseArm(server, await arm.get(path, API_VERSIONS.postgresFlexible, resource), resource);
  return {
    id: s.id,
    name: s.name,
    state: s.properties.state,
    fqdn: s.properties.fullyQualifiedDomainName,
    version: s.properties.version,
    publicNetworkAccess: s.properties.network?.publicNetworkAccess,
  };
}
