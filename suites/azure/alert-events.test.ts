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
import { STEP_TITLES } from "../../helpers/azure/alert-steps.ts";
import { ALERT_EVENTS_RECORDING, alertEventSmoke } from "../../helpers/azure/azure-smokes.ts";
import { EVENT_TYPES } from "../../helpers/azure/event-types.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";

const test = defineSmoke({ ...alertEventSmoke, recordings: {}, otherRecordings: alertEventSmoke.recordings });

/** The Azure session and the checklist's steps; the recording is written (record) after the last check. */
const alert = test.shared(
  "the Azure session",
  ({ mode }) =>
    openAlertSmoke(mode, ALERT_EVENTS_RECORDING, alertEventSmoke.name, { smoke: "alert-event", types: EVENT_TYPES }),
  {
    finish: async ({ session }, failed) => {
      const recording = await session.finish(failed);
      if (recording) console.log(`[alert-events] ${recording.message}`);
    },
  },
);

test(STEP_TITLES.window, async ({ shared, annotate, skip }) => (await shared(alert)).steps.window({ annotate, skip }));
test(STEP_TITLES.incidents, async ({ shared, annotate, skip }) =>
  (await shared(alert)).steps.incidents({ annotate, skip }),
);
for (const type of EVENT_TYPES) {
  test(STEP_TITLES.sent(type), async ({ shared, annotate, skip }) =>
    (await shared(alert)).steps.send({ annotate, skip }, type),
  );
}
for (const type of EVENT_TYPES) {
  test(STEP_TITLES.queryable(type), async ({ shared, annotate, skip }) =>
    (await shared(alert)).steps.queryable({ annotate, skip }, type),
  );
}
for (const type of EVENT_TYPES) {
  test(STEP_TITLES.fired(type), async ({ shared, annotate, skip }) =>
    (await shared(alert)).steps.fired({ annotate, skip }, type),
  );
}
test("TRIAGE_READY, APPROVAL_TIMEOUT and EXECUTION_FAILED: every check passed (table in report.md)", async ({
  shared,
  annotate,
  skip,
}) => (await shared(alert)).steps.summary({ annotate, skip }, "Alert/Event smoke (seed 001)"));
