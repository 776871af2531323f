/**
 * The DEV-012 incident fingerprint smoke (ADR-0027) as a SmokeDefinition (helpers/gates.ts): gate
 * RUN_DEV012_FINGERPRINT_SMOKE alone decides — it needs no credentials and has no recordings, so without the gate
 * every check is skipped with a note naming RUN_DEV012_FINGERPRINT_SMOKE=1 (runbook "Gate mode").
 */
import type { SmokeDefinition } from "../gates.ts";

export const dev012Fingerprint: SmokeDefinition = {
  name: "DEV-012 incident fingerprint smoke",
  gate: "RUN_DEV012_FINGERPRINT_SMOKE",
  credentials: [],
  recordings: [],
  tags: ["databricks"],
};

/** ADR-0027's rejected alternatives, kept in the evidence as the runbook's "Rationale trace" asks. */
export const REJECTED_ALTERNATIVES = [
  "| alternative | rejected because |",
  "| --- | --- |",
  "| fixture-only input | low flexibility: cannot replay a real incident captured by the operator |",
  "| real environment by default | low reproducibility: results depend on whatever incident is live |",
  "| always-on smoke | unnecessary cost and dependency exposure on every run |",
].join("\n");
