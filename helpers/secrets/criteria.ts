/**
 * The ADR-0015 criteria by name: one verdict each in the report. The checks live by concept beside this file:
 * step-criteria.ts (steps 2 and 3, precedence), classification.ts, read-only.ts; scope-reads.ts holds what they
 * read from the wire. Each check returns the evidence to record (never a secret value: only its length and a per-run HMAC)
 * or throws SecretCriterionError naming the criterion and what was seen.
 */
export const CRITERIA = {
  authContext: "step 1: auth context (current user)",
  envFirst: "step 2: env stub first, no scope read",
  scopeFallback: "step 3: scope fallback returns a non-empty value",
  precedence: "precedence: DATABRICKS_SECRET_SCOPE is read before KEY_VAULT_SECRET_SCOPE",
  classification: "classification: missing scope/secret, 400/403/404 → Permanent; 429/5xx/timeout → Transient",
  readOnly: "read-only: only GET SCIM Me and secrets/get requests",
} as const;
