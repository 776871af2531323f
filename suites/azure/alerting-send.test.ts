// @module-tag azure
/**
 * Seed 001 "Alerting real-environment send smoke minimum conditions (ADR-0024)": the guardrails as checks — only on
 * weekdays 09:00-18:00 KST and not during an active incident (both lifted by ALERTING_SEND_OVERRIDE, the incident
 * commander's request, which is recorded), one test event per event_type per run, the run's operator recorded — then
 * `emit_alert(INFO, TRIAGE_READY, "dev real-path smoke", {env, smoke: real-path, operator})` through Logs Ingestion,
 * queryable in Log Analytics within 5 minutes, the matching alert fired exactly once. Outside the window every check
 * is skipped with a note naming it (also under SMOKEBOOK_STRICT=1). Gate RUN_ALERTING_SEND_SMOKE=1; otherwise it
 * replays fixtures/azure/alerting-send/pass.har. Action-group delivery stays manual evidence.
 */

import { openAlertSmoke } from "../../helpers/azure/alert-session.ts";
import { type AlertSteps, STEP_TITLES } from "../../helpers/azure/alert-steps.ts";
import type { AzureSession } from "../../helpers/azure/azure-session.ts";
import type { AlertSettings } from "../../helpers/azure/azure-settings.ts";
import { ALERTING_SEND_RECORDING, alertingSendSmoke } from "../../helpers/azure/azure-smokes.ts";
import { needed } from "../../helpers/azure/errors.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

const TYPE = "TRIAGE_READY";

describeSmoke(alertingSendSmoke, (s) => {
  let session: AzureSession<AlertSettings> | undefined;
  let steps: AlertSteps | undefined;
  const failed = trackFailedChecks();
  s.beforeAll(() => {
    ({ session, steps } = openAlertSmoke(s.mode, ALERTING_SEND_RECORDING, alertingSendSmoke.name, {
      smoke: "real-path",
      types: [TYPE],
    }));
  });
  s.afterAll(async () => {
    const recording = await session?.finish(failed);
    if (recording) console.log(`[alerting-send] ${recording.message}`);
  });
  const step = () => needed(steps, "no Azure session (see the beforeAll error)");

  s.it(STEP_TITLES.window, (ctx) => step().window(ctx));
  s.it(STEP_TITLES.incidents, (ctx) => step().incidents(ctx));
  s.it(STEP_TITLES.operator, (ctx) => step().operator(ctx));
  s.it(STEP_TITLES.sent(TYPE), (ctx) => step().send(ctx, TYPE));
  s.it(STEP_TITLES.duplicate(TYPE), (ctx) => step().duplicate(ctx, TYPE));
  s.it(STEP_TITLES.queryable(TYPE), (ctx) => step().queryable(ctx, TYPE));
  s.it(STEP_TITLES.fired(TYPE), (ctx) => step().fired(ctx, TYPE));
  s.it("real-send smoke: every pass criterion met (table in report.md)", (ctx) =>
    step().summary(ctx, "Alerting real-send smoke (seed 001, ADR-0024)"),
  );
});
