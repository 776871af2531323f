// @module-tag databricks
/**
 * DEV-013 pragmatic smoke: Databricks auth context and UC Volumes reachability through the Files API.
 * Its own verdict, never the strict smoke's (runbook: "Do not treat pragmatic smoke pass as strict smoke pass").
 * Same gate as the strict smoke, RUN_DEV013_CHECKPOINT_SMOKE; replays fixtures/dev013-pragmatic/pass.har otherwise.
 */

import { expect } from "vitest";
import { callWithin } from "../../helpers/databricks/api-call.ts";
import { currentUser } from "../../helpers/databricks/current-user.ts";
import { readDev013Config } from "../../helpers/databricks/dev013-config.ts";
import {
  assertPathListable,
  PRAGMATIC_NOTE,
  PRAGMATIC_RECORDING,
  pragmaticRecording,
  pragmaticSmoke,
} from "../../helpers/databricks/pragmatic-smoke.ts";
import { volumePath } from "../../helpers/databricks/volumes.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordEvidence, recordIds, recordJson } from "../../helpers/evidence/record.ts";

const test = defineSmoke({
  ...pragmaticSmoke,
  label: "DEV-013 pragmatic",
  recordings: { databricks: PRAGMATIC_RECORDING },
  settings: ({ env, mode, recordedPoll }) => readDev013Config(env, mode, recordedPoll),
  databricks: { profile: pragmaticRecording, description: "DEV-013 pragmatic smoke, recorded live" },
});

test("auth context: the credentials resolve to a current user (SCIM Me)", async ({ databricks, annotate }) => {
  const me = await currentUser(databricks.client, callWithin(databricks.clock, 60_000));
  expect(me.userName, "current-user me answered without userName").toBeTruthy();
  await recordIds({ annotate }, { user: me.userName });
  await recordEvidence({ annotate }, "verdict-detail", { smoke: "DEV-013 pragmatic", note: PRAGMATIC_NOTE });
});

test("UC Volumes reachability: /Volumes/<catalog>/<schema>/<volume> is listable through the Files API", async ({
  databricks,
  settings,
  annotate,
}) => {
  const path = volumePath(settings.volume);
  const entries = await assertPathListable(databricks, path, callWithin(databricks.clock, 120_000));
  await recordIds({ annotate }, { path, entries: entries.length });
  await recordJson({ annotate }, `DEV-013 pragmatic listing of ${path}`, entries);
  await recordEvidence({ annotate }, "verdict-detail", { smoke: "DEV-013 pragmatic", note: PRAGMATIC_NOTE });
});
