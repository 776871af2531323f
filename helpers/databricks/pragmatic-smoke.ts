/**
 * DEV-013 pragmatic smoke (runbook "DEV-013 checkpoint strict smoke boundary"): Databricks auth context
 * (current user) and reachability of the UC volume path through the Files API. Its own verdict: a pragmatic
 * pass is never a strict pass ("Do not treat pragmatic smoke pass as strict smoke pass").
 */
import type { files } from "@databricks/sdk-experimental";
import type { SmokeDefinition } from "../gates.ts";
import { classifyRemoteFailure } from "../remote-errors.ts";
import type { CallContext } from "./api-call.ts";
import { databricksLive } from "./credentials.ts";
import { CriterionError } from "./errors.ts";
import type { DatabricksSession, SmokeRecordingProfile } from "./session.ts";
import { listDirectory } from "./volumes.ts";

export const PRAGMATIC_RECORDING = "fixtures/dev013-pragmatic/pass.har";

export const pragmaticSmoke: SmokeDefinition = {
  name: "DEV-013 pragmatic smoke (auth + UC Volumes reachability; not the strict smoke)",
  gate: "RUN_DEV013_CHECKPOINT_SMOKE",
  ...databricksLive(),
  recordings: [PRAGMATIC_RECORDING],
  tags: ["databricks"],
};

/** Its recordings hold GET requests only: nothing polls, no body is volatile. */
export const pragmaticRecording: SmokeRecordingProfile = { smoke: pragmaticSmoke.name, volatile: [], polls: false };

export const PRAGMATIC_NOTE = "pragmatic verdict only: a pragmatic pass is not a strict smoke pass (ADR-260225-1012)";

/** The runbook's triage order for volume failures: permission, then path existence, then run output. */
export function triageHint(status: number | undefined): string {
  if (status === 401 || status === 403) return "triage: permission (grant READ VOLUME / USE SCHEMA / USE CATALOG)";
  if (status === 404) return "triage: path existence (create the volume or fix UC_CATALOG/UC_SCHEMA/UC_VOLUME)";
  return "triage: permission → path existence → run output";
}

/** Lists `path`; a failure becomes VOLUME_NOT_LISTABLE with the runbook's triage hint. */
export async function assertPathListable(
  session: DatabricksSession,
  path: string,
  context: CallContext,
): Promise<files.DirectoryEntry[]> {
  try {
    return await listDirectory(session.client, path, context);
  } catch (error) {
    const classified = classifyRemoteFailure(error, `fs list ${path}`);
    throw new CriterionError(
      "VOLUME_NOT_LISTABLE",
      "UC volume path is listable through the Files API",
      `${path} is not listable (${classified.message}); ${triageHint(classified.status)}`,
    );
  }
}
