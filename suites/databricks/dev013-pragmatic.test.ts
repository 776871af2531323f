// @module-tag databricks
/**
 * DEV-013 pragmatic smoke: Databricks auth context and UC Volumes reachability through the Files API.
 * Its own verdict, never the strict smoke's (runbook: "Do not treat pragmatic smoke pass as strict smoke pass").
 * Same gate as the strict smoke, RUN_DEV013_CHECKPOINT_SMOKE; replays fixtures/dev013-pragmatic/pass.har otherwise.
 */

import { expect } from "vitest";
import { callWithin } from "../../helpers/databricks/api-call.ts";
import { currentUser } from "../../helpers/databricks/current-user.ts";
import { type Dev013Config, readDev013Config } from "../../helpers/databricks/dev013-config.ts";
import { prerequisite } from "../../helpers/databricks/errors.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import {
  assertPathListable,
  PRAGMATIC_NOTE,
  pragmaticRecording,
  pragmaticSmoke,
} from "../../helpers/databricks/pragmatic-smoke.ts";
import type { DatabricksSession } from "../../helpers/databricks/session.ts";
import { openSmokeSession } from "../../helpers/databricks/smoke-session.ts";
import { volumePath } from "../../helpers/databricks/volumes.ts";
import { recordEvidence, recordIds, recordJson } from "../../helpers/evidence/record.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

describeSmoke(pragmaticSmoke, (s) => {
  let session: DatabricksSession | undefined;
  let config: Dev013Config | undefined;

  const failed = trackFailedChecks();

  s.beforeAll(() => {
    ({ session, config } = openSmokeSession(
      s.mode,
      pragmaticSmoke.recordings[0] ?? "",
      { ...pragmaticRecording, description: "DEV-013 pragmatic smoke, recorded live" },
      (recordedPoll) => readDev013Config(process.env, s.mode, recordedPoll),
    ));
  });

  s.afterAll(async () => {
    const recording = await session?.finish(failed);
    if (recording) console.log(`[DEV-013 pragmatic] ${recording.message}`);
  });

  s.it("auth context: the credentials resolve to a current user (SCIM Me)", async (ctx) => {
    const active = prerequisite(session, "no Databricks session");
    const me = await currentUser(active.client, callWithin(active.clock, 60_000));
    expect(me.userName, "current-user me answered without userName").toBeTruthy();
    await recordIds(ctx, { user: me.userName });
    await recordEvidence(ctx, "verdict-detail", { smoke: "DEV-013 pragmatic", note: PRAGMATIC_NOTE });
  });

  s.it(
    "UC Volumes reachability: /Volumes/<catalog>/<schema>/<volume> is listable through the Files API",
    async (ctx) => {
      const active = prerequisite(session, "no Databricks session");
      const path = volumePath(prerequisite(config, "no settings").volume);
      const entries = await assertPathListable(active, path, callWithin(active.clock, 120_000));
      await recordIds(ctx, { path, entries: entries.length });
      await recordJson(ctx, `DEV-013 pragmatic listing of ${path}`, entries);
      await recordEvidence(ctx, "verdict-detail", { smoke: "DEV-013 pragmatic", note: PRAGMATIC_NOTE });
    },
  );
});
