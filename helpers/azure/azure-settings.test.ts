import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAlertSettings, readInfraSettings, readRollbackScope } from "./azure-settings.ts";
import { azureLiveProblem, signInProblem } from "./live-requirement.ts";

const home = mkdtempSync(join(tmpdir(), "smokebook-azure-home-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const alertEnv = {
  AZURE_SUBSCRIPTION_ID: "sub",
  AZURE_RESOURCE_GROUP: "rg",
  LOG_ANALYTICS_DCR_ENDPOINT: "https://dce.example/",
  LOG_ANALYTICS_DCR_IMMUTABLE_ID: "dcr-1",
  LOG_ANALYTICS_STREAM_NAME: "Custom-AgentAlerts_CL",
  LOG_ANALYTICS_WORKSPACE_ID: "ws",
  ALERT_RULE_TRIAGE_READY: "rule-triage",
  ALERT_RULE_APPROVAL_TIMEOUT:
    "/subscriptions/sub/resourceGroups/other/providers/Microsoft.Insights/scheduledQueryRules/r2",
  ALERT_RULE_EXECUTION_FAILED: "rule-failed",
};

describe("Azure settings (self-test)", { tags: ["self-test"] }, () => {
  it("infra: the runbook's defaults (nsc-pg-langfuse-dev, namespace default, the privatelink zones)", () => {
    expect(readInfraSettings({ AZURE_SUBSCRIPTION_ID: "sub", AZURE_RESOURCE_GROUP: "rg" })).toMatchObject({
      postgresServer: "nsc-pg-langfuse-dev",
      namespace: "default",
      dnsResourceGroup: "rg",
      keyVaultName: null,
      openaiDnsZone: "privatelink.openai.azure.com",
      postgresDnsZone: "privatelink.postgres.database.azure.com",
    });
  });

  it("a missing or malformed value is an error naming the variable", () => {
    expect(() => readInfraSettings({ AZURE_SUBSCRIPTION_ID: "sub" })).toThrow(
      /^AZURE_RESOURCE_GROUP="" is not allowed/,
    );
    expect(() =>
      readInfraSettings({ AZURE_SUBSCRIPTION_ID: "s", AZURE_RESOURCE_GROUP: "r", KEY_VAULT_REQUIRED_SECRETS: "a,b c" }),
    ).toThrow(/KEY_VAULT_REQUIRED_SECRETS/);
    expect(() => readAlertSettings({ ...alertEnv, APPROVAL_TIMEOUT_MINUTES: "45" })).toThrow(
      /APPROVAL_TIMEOUT_MINUTES="45" .* 30 \(reminder\) or 60 \(escalation\)/,
    );
    expect(() => readAlertSettings({ ...alertEnv, LOG_ANALYTICS_DCR_ENDPOINT: "http://dce" })).toThrow(
      /LOG_ANALYTICS_DCR_ENDPOINT/,
    );
    expect(() => readRollbackScope({ LANGFUSE_ROLLBACK_SCOPE: "delete" })).toThrow(
      /LANGFUSE_ROLLBACK_SCOPE="delete" .* undo or removal/,
    );
  });

  it("alerts: rule names become rule ids in AZURE_RESOURCE_GROUP, the table name follows the stream, waits default", () => {
    const s = readAlertSettings(alertEnv);
    expect(s.alertRules.TRIAGE_READY).toBe(
      "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Insights/scheduledQueryRules/rule-triage",
    );
    expect(s.alertRules.APPROVAL_TIMEOUT).toBe(alertEnv.ALERT_RULE_APPROVAL_TIMEOUT);
    expect(s).toMatchObject({
      tableName: "AgentAlerts_CL",
      dcrEndpoint: "https://dce.example",
      queryPollMs: 15_000,
      alertFireTimeoutMs: 900_000,
      alertSettleMs: 300_000,
      approvalTimeoutMinutes: 60,
      sendOverride: null,
    });
    expect(
      readAlertSettings({ ...alertEnv, ALERT_RULE_TRIAGE_READY: "" }, ["APPROVAL_TIMEOUT"]).alertRules,
    ).not.toHaveProperty("TRIAGE_READY");
  });

  it("live requirement: names the missing settings, the sign-in ways and the kubeconfig", () => {
    const problem = azureLiveProblem(
      { AZURE_SUBSCRIPTION_ID: "s" },
      { settings: ["AZURE_SUBSCRIPTION_ID", "KEY_VAULT_NAME"], kubeconfig: true },
      home,
    );
    expect(problem).toMatch(
      /^KEY_VAULT_NAME is not set \(live mode needs them\); no Azure sign-in: set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET .* or run `az login` \(no .*azureProfile\.json\); no kubeconfig file/,
    );
    expect(
      signInProblem({ AZURE_CLIENT_ID: "a", AZURE_TENANT_ID: "t", AZURE_CLIENT_SECRET: "x" }, home),
    ).toBeUndefined();
    mkdirSync(join(home, ".azure"));
    writeFileSync(join(home, ".azure", "azureProfile.json"), "{}");
    expect(signInProblem({}, home)).toBeUndefined();
  });
});
