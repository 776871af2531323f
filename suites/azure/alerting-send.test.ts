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
import { STEP_TITLES } from "../../helpers/azure/alert-steps.ts";
import { ALERTING_SEND_RECORDING, alertingSendSmoke } from "../../helpers/azure/azure-smokes.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";

const TYPE = "TRIAGE_READY";

const test = defineSmoke({ ...alertingSendSmoke, recordings: {}, otherRecordings: alertingSendSmoke.recordings });

/** The Azure session and the real-send steps; the recording is written (record) after the last check. */
const alert = test.shared(
  "the Azure session",
  ({ mode }) =>
    openAlertSmoke(mode, ALERTING_SEND_RECORDING, alertingSendSmoke.name, { smoke: "real-path", types: [TYPE] }),
  {
    finish: async ({ session }, failed) => {
      const recording = await session.finish(failed);
      if (recording) console.log(`[alerting-send] ${recording.message}`);
    },
  },
);

test(STEP_TITLES.window, async ({ shared, annotate, skip }) => (await shared(alert)).steps.window({ annotate, skip }));
test(STEP_TITLES.incidents, async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.incidents({ annotate, skip }),
);
test(STEP_TITLES.operator, async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.operator({ annotate, skip }),
);
test(STEP_TITLES.sent(TYPE), async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.send({ annotate, skip }, TYPE),
);
test(STEP_TITLES.duplicate(TYPE), async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.duplicate({ annotate, skip }, TYPE),
);
test(STEP_TITLES.queryable(TYPE), async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.queryable({ annotate, skip }, TYPE),
);
test(STEP_TITLES.fired(TYPE), async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.fired({ annotate, skip }, TYPE),
);
test("real-send smoke: every pass criterion met (table in report.md)", async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.summary({ annotate, skip }, "Alerting real-send smoke (seed 001, ADR-0024)"));
