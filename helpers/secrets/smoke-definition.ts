/**
 * The Databricks secret resolution smoke (ADR-0015) as a SmokeDefinition (helpers/gates.ts): gate RUN_SECRET_SMOKE,
 * any Databricks credential alternative (helpers/databricks/credentials.ts) plus SECRET_SMOKE_KEY, and the two
 * recordings a replay needs — the steps (recorded against a workspace) and the recorded error responses.
 */
import { databricksLive } from "../databricks/credentials.ts";
import type { SmokeDefinition } from "../gates.ts";

export const STEPS_HAR = "fixtures/secret-resolution/steps.har";
export const ERRORS_HAR = "fixtures/secret-resolution/error-responses.har";

export const secretResolution: SmokeDefinition = {
  name: "Databricks secret resolution smoke (ADR-0015)",
  gate: "RUN_SECRET_SMOKE",
  ...databricksLive(["SECRET_SMOKE_KEY"]),
  recordings: [STEPS_HAR, ERRORS_HAR],
  tags: ["databricks"],
};
