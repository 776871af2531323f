// @module-tag azure
/**
 * Seed 001 "Alert/Event smoke checklist": TRIAGE_READY, APPROVAL_TIMEOUT (the 30/60 minute policy: an approval
 * pending APPROVAL_TIMEOUT_MINUTES, 60 → escalation, 30 → reminder) and EXECUTION_FAILED — one test event each through
 * the Logs Ingestion API, then queryable in Log Analytics within 5 minutes, then the matching Azure Monitor alert fired
 * exactly once. The send guardrails of the real-send smoke apply (weekday 09:00-18:00 KST, no active incident).
 * Gate RUN_ALERT_EVENT_SMOKE=1 with the DCR, workspace and ALERT_RULE_* settings and an Azure sign-in; otherwise it
 * replays fixtures/azure/alert-events/pass.har. Action-group delivery stays manual evidence (on-call confirms).
 */

import { openAlertSmoke } from "../../helpers/azure/alert-session.ts";
import { type AlertSteps, STEP_TITLES } from "../../helpers/azure/alert-steps.ts";
import type { AzureSession } from "../../helpers/azure/azure-session.ts";
import type { AlertSettings } from "../../helpers/azure/azure-settings.ts";
import { ALERT_EVENTS_RECORDING, alertEventSmoke } from "../../helpers/azure/azure-smokes.ts";
import { needed } from "../../helpers/azure/errors.ts";
import { EVENT_TYPES } from "../../helpers/azure/event-types.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

describeSmoke(alertEventSmoke, (s) => {
  let session: AzureSession<AlertSettings> | undefined;
  let steps: AlertSteps | undefined;
  const failed = trackFailedChecks();
  s.beforeAll(() => {
    ({ session, steps } = openAlertSmoke(s.mode, ALERT_EVENTS_RECORDING, alertEventSmoke.name, {
      smoke: "alert-event",
      types: EVENT_TYPES,
    }));
  });
  s.afterAll(async () => {
    const recording = await session?.finish(failed);
    if (recording) console.log(`[alert-events] ${recording.message}`);
  });
  const step = () => needed(steps, "no Azure session (see the beforeAll error)");

  s.it(STEP_TITLES.window, (ctx) => step().window(ctx));
  s.it(STEP_TITLES.incidents, (ctx) => step().incidents(ctx));
  for (const type of EVENT_TYPES) s.it(STEP_TITLES.sent(type), (ctx) => step().send(ctx, type));
  for (const type of EVENT_TYPES) s.it(STEP_TITLES.queryable(type), (ctx) => step().queryable(ctx, type));
  for (const type of EVENT_TYPES) s.it(STEP_TITLES.fired(type), (ctx) => step().fired(ctx, type));
  s.it("TRIAGE_READY, APPROVAL_TIMEOUT and EXECUTION_FAILED: every check passed (table in report.md)", (ctx) =>
    step().summary(ctx, "Alert/Event smoke (seed 001)"),
  );
});
