/**
 * Azure Monitor alert instances (Microsoft.AlertsManagement/alerts, "Alerts - Get All"): the alerts of one rule in a
 * time range, or every alert of the subscription (for the active-incident guardrail).
 */
import { z } from "zod";
import { API_VERSIONS } from "./api-versions.ts";
import type { ArmClient } from "./arm-client.ts";
import { parseArm } from "./arm-shape.ts";

const alert = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    essentials: z.object({
      severity: z.string(),
      alertState: z.string(),
      monitorCondition: z.string(),
      alertRule: z.string().optional(),
      startDateTime: z.string(),
      targetResource: z.string().optional(),
      monitorService: z.string().optional(),
    }),
  }),
});

export interface AlertInstance {
  id: string;
  name: string;
  severity: string;
  /** New, Acknowledged, Closed. */
  alertState: string;
  /** Fired, Resolved. */
  monitorCondition: string;
  alertRule: string | undefined;
  startDateTime: string;
}

export interface AlertFilter {
  alertRule?: string;
  monitorCondition?: "Fired" | "Resolved";
  /** 1h, 1d, 7d or 30d. */
  timeRange: "1h" | "1d" | "7d" | "30d";
}

export async function listAlerts(
  arm: ArmClient,
  subscriptionId: string,
  filter: AlertFilter,
): Promise<AlertInstance[]> {
  const resource = filter.alertRule
    ? `alerts of rule ${filter.alertRule.split("/").at(-1)}`
    : `alerts of subscription ${subscriptionId}`;
  const query: Record<string, string> = { timeRange: filter.timeRange };
  if (filter.alertRule) query.alertRule = filter.alertRule;
  if (filter.monitorCondition) query.monitorCondition = filter.monitorCondition;
  const path = `/subscriptions/${subscriptionId}/providers/Microsoft.AlertsManagement/alerts`;
  const items = await arm.list(path, API_VERSIONS.alertsManagement, resource, query);
  return items.map((item, i) => {
    const a = parseArm(alert, item, `${resource} (value[${i}])`);
    const e = a.properties.essentials;
    return {
      id: a.id,
      name: a.name,
      severity: e.severity,
      alertState: e.alertState,
      monitorCondition: e.monitorCondition,
      alertRule: e.alertRule,
      startDateTime: e.startDateTime,
    };
  });
}
