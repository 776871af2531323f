/**
 * Opens a Databricks smoke's session and reads its settings in the order each mode needs:
 *   live/record  settings from the environment first; record keeps their poll interval and deadline, the smoke's
 *                name and its volatile body fields in the recording's log.comment
 *   replay       the recording first; the settings then poll with the interval and deadline it names
 */
import type { Env, RunMode } from "../gates.ts";
import type { VolatileField } from "../replay/index.ts";
import type { PollSettings } from "./poll-settings.ts";
import { type DatabricksSession, openSession } from "./session.ts";

/** What a smoke's recordings declare (explicit per smoke, kept in each recording it writes). */
export interface SmokeRecordingProfile {
  /** The smoke's name, as in its SmokeDefinition. */
  smoke: string;
  /** Request body fields that may differ between recording and replay. */
  volatile: ReadonlyArray<VolatileField>;
  /** False for smokes that do not poll (no poll settings in their recordings). */
  polls: boolean;
}

export interface SmokeSession<C> {
  session: DatabricksSession;
  config: C;
}

export function openSmokeSession<C extends { poll: PollSettings }>(
  mode: RunMode,
  recording: string,
  profile: SmokeRecordingProfile & { description: string },
  readConfig: (recordedPoll: PollSettings | undefined) => C,
  env: Env = process.env,
): SmokeSession<C> {
  const options = { env, smoke: profile.smoke, comment: profile.description, volatile: profile.volatile };
  if (mode === "replay") {
    const session = openSession(mode, recording, options);
    return { session, config: readConfig(session.recordedPoll) };
  }
  const config = readConfig(undefined);
  const session = openSession(mode, recording, { ...options, poll: profile.polls ? config.poll : undefined });
  return { session, config };
}
