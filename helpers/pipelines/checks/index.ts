/** The operations checks of runbook 003, in the order the suite runs and the evidence lists them. */
import type { PipelineCheck } from "../check.ts";
import { badRecordsRetentionCheck } from "./bad-records-retention.ts";
import { freshnessCheck } from "./freshness.ts";
import { goldOutputsCheck } from "./gold-outputs.ts";
import { ledgerDuplicatesCheck } from "./ledger-duplicates.ts";
import { ruleClosedHasEndCheck, ruleIdUniqueCheck, ruleOneCurrentCheck } from "./rule-governance.ts";
import { silverPreconditionCheck } from "./silver-precondition.ts";
import { triageSnapshotCheck } from "./triage-snapshot.ts";

export const OPS_CHECKS: ReadonlyArray<PipelineCheck> = [
  freshnessCheck,
  silverPreconditionCheck,
  ledgerDuplicatesCheck,
  ruleIdUniqueCheck,
  ruleOneCurrentCheck,
  ruleClosedHasEndCheck,
  goldOutputsCheck,
  badRecordsRetentionCheck,
  triageSnapshotCheck,
];

export {
  badRecordsRetentionCheck,
  freshnessCheck,
  goldOutputsCheck,
  ledgerDuplicatesCheck,
  ruleClosedHasEndCheck,
  ruleIdUniqueCheck,
  ruleOneCurrentCheck,
  silverPreconditionCheck,
  triageSnapshotCheck,
};
