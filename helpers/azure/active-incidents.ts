/**
 * The runbook's "do not run during active incident handling unless the incident commander requested it", as a
 * check: an active incident is a Sev0 or Sev1 alert of the subscription that is Fired and not Closed in the last
 * day (Alerts Management). ALERTING_SEND_OVERRIDE (the commander's request) lifts it, and is kept in the evidence.
 */
import { type AlertInstance, listAlerts } from "./alerts.ts";
import type { ArmClient } from "./arm-client.ts";
import type { GuardrailDecision } from "./send-window.ts";

const INCIDENT_SEVERITIES = new Set(["Sev0", "Sev1"]);

export async function activeIncidentAlerts(arm: ArmClient, subscriptionId: string): Promise<AlertInstance[]> {
  const fired = await listAlerts(arm, subscriptionId, { monitorCondition: "Fired", timeRange: "1d" });
  return fired.filter((a) => INCIDENT_SEVERITIES.has(a.severity) && a.alertState !== "Closed");
}

export function incidentDecision(active: ReadonlyArray<AlertInstance>, override: string | null): GuardrailDecision {
  if (active.length === 0)
    return { allowed: true, note: "no active incident (no Fired Sev0/Sev1 alert in the last day)" };
  const shown = active
    .slice(0, 3)
    .map((a) => `${a.name} (${a.severity}, ${a.alertState}, since ${a.startDateTime})`)
    .join(", ");
  const more = active.length > 3 ? ` and ${active.length - 3} more` : "";
  if (override) {
    return {
      allowed: true,
      note: `active incident alert(s): ${shown}${more}; sent anyway on request: ALERTING_SEND_OVERRIDE=${override}`,
      override,
    };
  }
  return {
    allowed: false,
    note: `not sent: active incident alert(s) ${shown}${more} (runbook: not during incident handling unless the incident commander requested it; set ALERTING_SEND_OVERRIDE to that request)`,
  };
}
