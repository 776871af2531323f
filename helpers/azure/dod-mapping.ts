/**
 * Seed 001's DoD mapping (Plan DoD item → evidence source) as smokebook reports it: the rows the runbook marks
 * "Automated" (and the PostgreSQL `PASS:` evidence hook) are criteria of the infra verification smoke, with this
 * run's verdict; every other row is listed as manual evidence, naming the smokebook smoke that produces it where
 * there is one.
 */
export const INFRA_CRITERIA = {
  dev043: "DEV-043: LangFuse Deployment langfuse and ClusterIP Service langfuse-internal exist",
  dev044Postgres: "DEV-044: PostgreSQL Flexible Server exists and is Ready (verify PASS: line)",
  dev044KeyVault: "DEV-044: DB credentials in Key Vault (required secret names; values never read)",
  dev045Endpoints: "DEV-045: private endpoints for OpenAI and PostgreSQL are Succeeded and Approved",
  dev045Dns: "DEV-045: private DNS zones for OpenAI and PostgreSQL, with VNet links and A records",
} as const;

export type InfraRow = keyof typeof INFRA_CRITERIA;

export interface DodRow {
  item: string;
  /** The runbook's evidence source column. */
  source: string;
  /** The criteria whose verdicts decide this row, or what evidence stands for it. */
  judged: ReadonlyArray<InfraRow> | { manual: string };
}

export const DOD_ROWS: ReadonlyArray<DodRow> = [
  {
    item: "DEV-043: LangFuse deployment manifest exists (Deployment + ClusterIP)",
    source: "Automated: verify_ai_agent_infra_dev.sh (langfuse deployment + langfuse-internal ClusterIP checks)",
    judged: ["dev043"],
  },
  {
    item: "DEV-043: ACR image usage procedure is fixed",
    source: "Manual/document evidence: scripts/infra/README.md + deploy_langfuse_internal.sh usage",
    judged: { manual: "manual evidence" },
  },
  {
    item: "DEV-043: internal-only access confirmation",
    source: "Manual smoke: private-path-only checklist",
    judged: { manual: "manual evidence (smokebook: RUN_PRIVATE_PATH_SMOKE, suites/azure/private-path.test.ts)" },
  },
  {
    item: "DEV-043: staging LangFuse UI smoke",
    source: "Manual smoke evidence",
    judged: { manual: "manual evidence (smokebook: RUN_LANGFUSE_UI_SMOKE, suites/k8s/langfuse-ui.test.ts)" },
  },
  {
    item: "DEV-043: rollback procedure documented",
    source: "Runbook rollback section",
    judged: {
      manual: "manual evidence (smokebook: RUN_LANGFUSE_ROLLBACK_SMOKE, suites/azure/langfuse-rollback.test.ts)",
    },
  },
  {
    item: "DEV-044: PostgreSQL Flexible Server provisioning procedure exists",
    source: "Executable evidence hook: apply + verify logs with PostgreSQL PASS: line",
    judged: ["dev044Postgres"],
  },
  {
    item: "DEV-044: LangFuse connected to dedicated DB with migration success",
    source: "Executable evidence hook: smoke_langfuse_trace_persistence.sh JSON line (result:pass, stage:complete)",
    judged: { manual: "manual evidence (smokebook: RUN_LANGFUSE_TRACE_SMOKE, suites/k8s/langfuse-trace.test.ts)" },
  },
  {
    item: "DEV-044: trace persistence after pod restart",
    source: "Manual smoke: smoke_langfuse_trace_persistence.sh JSON-line evidence",
    judged: { manual: "manual evidence (smokebook: RUN_LANGFUSE_TRACE_SMOKE, suites/k8s/langfuse-trace.test.ts)" },
  },
  {
    item: "DEV-044: DB credentials managed via secrets/Key Vault",
    source: "Automated: required Key Vault secret-name checks",
    judged: ["dev044KeyVault"],
  },
  {
    item: "DEV-044: staging end-to-end trace storage smoke",
    source: "Manual smoke: smoke_langfuse_trace_persistence.sh evidence (fetch_before/after_http_code=200)",
    judged: { manual: "manual evidence (smokebook: RUN_LANGFUSE_TRACE_SMOKE, suites/k8s/langfuse-trace.test.ts)" },
  },
  {
    item: "DEV-045: private DNS/records defined for OpenAI/Postgres",
    source: "Automated: private DNS zones + VNet links + private endpoint checks",
    judged: ["dev045Dns", "dev045Endpoints"],
  },
  {
    item: "DEV-045: NSG rules align with network policy",
    source: "Manual validation evidence",
    judged: { manual: "manual evidence" },
  },
  {
    item: "DEV-045: Databricks -> LangFuse -> PostgreSQL private-path smoke",
    source: "Manual smoke evidence",
    judged: { manual: "manual evidence (smokebook checks the cluster side: RUN_PRIVATE_PATH_SMOKE)" },
  },
  {
    item: "DEV-045: rollback plan documented",
    source: "Runbook rollback section",
    judged: { manual: "manual evidence (smokebook: RUN_LANGFUSE_ROLLBACK_SMOKE)" },
  },
];
