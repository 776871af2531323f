/** Microsoft.Network/privateDnsZones: a zone, its virtual network links and its A record sets. */
import { z } from "zod";
import { API_VERSIONS } from "./api-versions.ts";
import type { ArmClient } from "./arm-client.ts";
import { parseArm, resourceGroupPath } from "./arm-shape.ts";

const zone = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({ provisioningState: z.string(), numberOfVirtualNetworkLinks: z.number().optional() }),
});

const link = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    virtualNetwork: z.object({ id: z.string() }),
    registrationEnabled: z.boolean().optional(),
    virtualNetworkLinkState: z.string(),
    provisioningState: z.string(),
  }),
});

const aRecordSet = z.object({
  name: z.string(),
  properties: z.object({
    fqdn: z.string().optional(),
    aRecords: z.array(z.object({ ipv4Address: z.string() })).optional(),
  }),
});

export interface PrivateDnsZone {
  id: string;
  name: string;
  provisioningState: string;
}

export interface VirtualNetworkLink {
  name: string;
  virtualNetworkId: string;
  linkState: string;
  provisioningState: string;
}

export interface ARecordSet {
  name: string;
  fqdn: string | undefined;
  ipv4Addresses: string[];
}

function zonePath(subscriptionId: string, resourceGroup: string, zoneName: string): string {
  return `${resourceGroupPath(subscriptionId, resourceGroup)}/providers/Microsoft.Network/privateDnsZones/${zoneName}`;
}

export async function readPrivateDnsZone(
  arm: ArmClient,
  subscriptionId: string,
  resourceGroup: string,
  zoneName: string,
): Promise<PrivateDnsZone> {
  const resource = `private DNS zone ${zoneName} (resource group ${resourceGroup})`;
  const raw = await arm.get(zonePath(subscriptionId, resourceGroup, zoneName), API_VERSIONS.privateDns, resource);
  const z0 = parseArm(zone, raw, resource);
  return { id: z0.id, name: z0.name, provisioningState: z0.properties.provisioningState };
}

export async function listVirtualNetworkLinks(
  arm: ArmClient,
  subscriptionId: string,
  resourceGroup: string,
  zoneName: string,
): Promise<VirtualNetworkLink[]> {
  const resource = `virtual network links of private DNS zone ${zoneName}`;
  const path = `${zonePath(subscriptionId, resourceGroup, zoneName)}/virtualNetworkLinks`;
  const items = await arm.list(path, API_VERSIONS.privateDns, resource);
  return items.map((item, i) => {
    const l = parseArm(link, item, `${resource} (value[${i}])`);
    return {
      name: l.name,
      virtualNetworkId: l.properties.virtualNetwork.id,
      linkState: l.properties.virtualNetworkLinkState,
      provisioningState: l.properties.provisioningState,
    };
  });
}

export async function listARecordSets(
  arm: ArmClient,
  subscriptionId: string,
  resourceGroup: string,
  zoneName: string,
): Promise<ARecordSet[]> {
  const resource = `A records of private DNS zone ${zoneName}`;
  const items = await arm.list(
    `${zonePath(subscriptionId, resourceGroup, zoneName)}/A`,
    API_VERSIONS.privateDns,
    resource,
  );
  return items.map((item, i) => {
    const r = parseArm(aRecordSet, item, `${resource} (value[${i}])`);
    return {
      name: r.name,
      fqdn: r.properties.fqdn,
      ipv4Addresses: (r.properties.aRecords ?? []).map((a) => a.ipv4Address),
    };
  });
}
