/**
 * Microsoft.Network/privateEndpoints of a resource group: which resource each one connects to, its provisioning
 * state, the connection's approval, and the private IP addresses per FQDN (customDnsConfigs, else ipConfigurations).
 */
import { z } from "zod";
import { API_VERSIONS } from "./api-versions.ts";
import type { ArmClient } from "./arm-client.ts";
import { parseArm, resourceGroupPath } from "./arm-shape.ts";

const connection = z.object({
  name: z.string().optional(),
  properties: z.object({
    privateLinkServiceId: z.string(),
    groupIds: z.array(z.string()).optional(),
    privateLinkServiceConnectionState: z.object({ status: z.string(), description: z.string().optional() }),
  }),
});

const privateEndpoint = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    provisioningState: z.string(),
    privateLinkServiceConnections: z.array(connection).optional(),
    manualPrivateLinkServiceConnections: z.array(connection).optional(),
    customDnsConfigs: z.array(z.object({ fqdn: z.string().optional(), ipAddresses: z.array(z.string()) })).optional(),
    ipConfigurations: z
      .array(z.object({ properties: z.object({ privateIPAddress: z.string().optional() }) }))
      .optional(),
  }),
});

export interface PrivateEndpoint {
  id: string;
  name: string;
  provisioningState: string;
  /** The resource it connects to, the connection status (Approved, Pending, Rejected…) and group ids. */
  connections: Array<{ targetId: string; status: string; groupIds: string[]; manual: boolean }>;
  /** FQDN → private IPs. */
  dns: Array<{ fqdn: string | undefined; ipAddresses: string[] }>;
  /** Every private IP address of the endpoint. */
  ipAddresses: string[];
}

export function toPrivateEndpoint(raw: unknown, resource: string): PrivateEndpoint {
  const pe = parseArm(privateEndpoint, raw, resource);
  const p = pe.properties;
  const connections = [
    ...(p.privateLinkServiceConnections ?? []).map((c) => ({ c, manual: false })),
    ...(p.manualPrivateLinkServiceConnections ?? []).map((c) => ({ c, manual: true })),
  ].map(({ c, manual }) => ({
    targetId: c.properties.privateLinkServiceId,
    status: c.properties.privateLinkServiceConnectionState.status,
    groupIds: c.properties.groupIds ?? [],
    manual,
  }));
  const dns = (p.customDnsConfigs ?? []).map((d) => ({ fqdn: d.fqdn, ipAddresses: d.ipAddresses }));
  const ips = new Set(dns.flatMap((d) => d.ipAddresses));
  for (const ip of p.ipConfigurations ?? [])
    if (ip.properties.privateIPAddress) ips.add(ip.properties.privateIPAddress);
  return { id: pe.id, name: pe.name, provisioningState: p.provisioningState, connections, dns, ipAddresses: [...ips] };
}

export async function listPrivateEndpoints(
  arm: ArmClient,
  subscriptionId: string,
  resourceGroup: string,
): Promise<PrivateEndpoint[]> {
  const resource = `private endpoints of resource group ${resourceGroup}`;
  const path = `${resourceGroupPath(subscriptionId, resourceGroup)}/providers/Microsoft.Network/privateEndpoints`;
  const items = await arm.list(path, API_VERSIONS.privateEndpoints, resource);
  return items.map((item, i) => toPrivateEndpoint(item, `${resource} (value[${i}])`));
}
