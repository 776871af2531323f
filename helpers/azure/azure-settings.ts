/**
 * Settings of the Azure smokes (seed 001), read from the environment in one place. Names and defaults are the
 * runbook's where it has them (`nsc-pg-langfuse-dev`, LANGFUSE_NAMESPACE → `default`, the 5-minute query window);
 * the rest have no sensible default and are required live (azure-smokes.ts names them in the skip note). Replays
 * never read these: they use the settings their recording was made with (recording-meta.ts).
 */

import { envText } from "../env-text.ts";
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { readPositiveSeconds } from "../k8s-cluster/cluster-env.ts";
import { readLangfuseEnv } from "../langfuse/langfuse-env.ts";
import { EVENT_TYPES, type EventType } from "./event-types.ts";

/** Smokebook's assumption (the runbook names no list): LangFuse's DATABASE_URL, NEXTAUTH_SECRET and SALT. */
export const DEFAULT_REQUIRED_SECRETS = ["langfuse-database-url", "langfuse-nextauth-secret", "langfuse-salt"];

export interface InfraSettings {
  subscriptionId: string;
  resourceGroup: string;
  /** Where the private DNS zones live (hub networks keep them apart). */
  dnsResourceGroup: string;
  /** KEY_VAULT_NAME (the runbook's precondition); the Key Vault criterion fails naming it when unset. */
  keyVaultName: string | null;
  requiredSecrets: string[];
  postgresServer: string;
  /** The Azure OpenAI account; unset: the private endpoint to any Cognitive Services account counts. */
  openaiAccount: string | null;
  openaiDnsZone: string;
  postgresDnsZone: string;
  /** When set, each zone must be linked to this VNet. */
  vnetName: string | null;
  namespace: string;
}

export interface AlertSettings {
  subscriptionId: string;
  dcrEndpoint: string;
  dcrImmutableId: string;
  streamName: string;
  workspaceId: string;
  tableName: string;
  /** Alert rule resource ids, per event type the smoke sends. */
  alertRules: Partial<Record<EventType, string>>;
  queryPollMs: number;
  alertPollMs: number;
  alertFireTimeoutMs: number;
  alertSettleMs: number;
  approvalTimeoutMinutes: 30 | 60;
  /**
   * ALERTING_SEND_OVERRIDE: who asked for a send outside the guardrails (the incident commander's request, e.g.
   * "IC kim.j INC-2041"); lifts the time-window and active-incident guardrails and is kept in the evidence.
   */
  sendOverride: string | null;
}

/** The alert rule of `type`, or an error naming its variable. */
export function alertRuleFor(settings: AlertSettings, type: EventType): string {
  const id = settings.alertRules[type];
  if (id === undefined) throw new EnvValueError(`ALERT_RULE_${type}`, "", "the alert rule's name or resource id");
  return id;
}

function required(env: Env, name: string): string {
  const value = envText(env, name);
  if (value === undefined) throw new EnvValueError(name, "", "a value (live mode needs it)");
  return value;
}

/** AZURE_READ_TIMEOUT_SECONDS: how long one Azure read keeps retrying Transient failures (default 60). */
export function readTimeoutMs(env: Env = process.env): number {
  return readPositiveSeconds(env, "AZURE_READ_TIMEOUT_SECONDS", 60) * 1000;
}

function secretNames(env: Env): string[] {
  const raw = envText(env, "KEY_VAULT_REQUIRED_SECRETS");
  if (raw === undefined) return [...DEFAULT_REQUIRED_SECRETS];
  const names = raw
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  const bad = names.find((n) => !/^[0-9A-Za-z-]{1,127}$/.test(n));
  if (names.length === 0 || bad !== undefined) {
    throw new EnvValueError("KEY_VAULT_REQUIRED_SECRETS", raw, "comma-separated Key Vault secret names (0-9, a-z, -)");
  }
  return names;
}

export function readInfraSettings(env: Env = process.env): InfraSettings {
  const resourceGroup = required(env, "AZURE_RESOURCE_GROUP");
  return {
    subscriptionId: required(env, "AZURE_SUBSCRIPTION_ID"),
    resourceGroup,
    dnsResourceGroup: envText(env, "AZURE_PRIVATE_DNS_RESOURCE_GROUP") ?? resourceGroup,
    keyVaultName: envText(env, "KEY_VAULT_NAME") ?? null,
    requiredSecrets: secretNames(env),
    postgresServer: envText(env, "POSTGRES_SERVER_NAME") ?? "nsc-pg-langfuse-dev",
    openaiAccount: envText(env, "OPENAI_ACCOUNT_NAME") ?? null,
    openaiDnsZone: envText(env, "OPENAI_PRIVATE_DNS_ZONE") ?? "privatelink.openai.azure.com",
    postgresDnsZone: envText(env, "POSTGRES_PRIVATE_DNS_ZONE") ?? "privatelink.postgres.database.azure.com",
    vnetName: envText(env, "AZURE_VNET_NAME") ?? null,
    namespace: readLangfuseEnv(env).namespace,
  };
}

/** An alert rule given by name (a scheduled query rule in AZURE_RESOURCE_GROUP) or by resource id. */
export function alertRuleId(value: string, subscriptionId: string, resourceGroup: string | undefined, name: string) {
  if (value.startsWith("/subscriptions/")) return value;
  if (!resourceGroup)
    throw new EnvValueError(name, value, "a rule resource id, or a rule name with AZURE_RESOURCE_GROUP set");
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Insights/scheduledQueryRules/${value}`;
}

function approvalMinutes(env: Env): 30 | 60 {
  const raw = envText(env, "APPROVAL_TIMEOUT_MINUTES") ?? "60";
  if (raw === "30" || raw === "60") return Number(raw) as 30 | 60;
  throw new EnvValueError("APPROVAL_TIMEOUT_MINUTES", raw, "30 (reminder) or 60 (escalation), the runbook's policy");
}

/** The settings of a smoke that sends `types` (each needs its ALERT_RULE_<TYPE>). */
export function readAlertSettings(
  env: Env = process.env,
  types: ReadonlyArray<EventType> = EVENT_TYPES,
): AlertSettings {
  const subscriptionId = required(env, "AZURE_SUBSCRIPTION_ID");
  const streamName = required(env, "LOG_ANALYTICS_STREAM_NAME");
  const resourceGroup = envText(env, "AZURE_RESOURCE_GROUP");
  const rule = (type: EventType) => {
    const name = `ALERT_RULE_${type}`;
    return alertRuleId(required(env, name), subscriptionId, resourceGroup, name);
  };
  const endpoint = required(env, "LOG_ANALYTICS_DCR_ENDPOINT");
  if (!/^https:\/\//.test(endpoint))
    throw new EnvValueError("LOG_ANALYTICS_DCR_ENDPOINT", endpoint, "an https:// endpoint");
  return {
    subscriptionId,
    dcrEndpoint: endpoint.replace(/\/+$/, ""),
    dcrImmutableId: required(env, "LOG_ANALYTICS_DCR_IMMUTABLE_ID"),
    streamName,
    workspaceId: required(env, "LOG_ANALYTICS_WORKSPACE_ID"),
    tableName: envText(env, "LOG_ANALYTICS_TABLE_NAME") ?? streamName.replace(/^Custom-/, ""),
    alertRules: Object.fromEntries(types.map((t) => [t, rule(t)])),
    queryPollMs: readPositiveSeconds(env, "LOG_ANALYTICS_POLL_INTERVAL_SECONDS", 15) * 1000,
    alertPollMs: readPositiveSeconds(env, "ALERT_POLL_INTERVAL_SECONDS", 30) * 1000,
    alertFireTimeoutMs: readPositiveSeconds(env, "ALERT_FIRE_TIMEOUT_SECONDS", 900) * 1000,
    alertSettleMs: readPositiveSeconds(env, "ALERT_SETTLE_SECONDS", 300) * 1000,
    approvalTimeoutMinutes: approvalMinutes(env),
    sendOverride: envText(env, "ALERTING_SEND_OVERRIDE") ?? null,
  };
}

export type RollbackScope = "undo" | "removal";

/**
 * LANGFUSE_ROLLBACK_SCOPE: which runbook rollback step the rollback smoke verifies live — `undo` (default: rollout
 * undo + status + the previous image) or `removal` (an operator removed LangFuse: the NotFound checks; the smoke
 * never deletes anything itself).
 */
export function readRollbackScope(env: Env = process.env): RollbackScope {
  const value = envText(env, "LANGFUSE_ROLLBACK_SCOPE") ?? "undo";
  if (value === "undo" || value === "removal") return value;
  throw new EnvValueError("LANGFUSE_ROLLBACK_SCOPE", value, "undo or removal");
}
