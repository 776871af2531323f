/**
 * One Databricks session per smoke, shaped by its mode (the HTTP side is define-smoke/traffic.ts):
 *   live   client from the environment (createWorkspaceClient), real clock
 *   record live, with every request captured by the HAR recorder; finish(failedChecks) writes the redacted
 *          recording to the smoke's recording path (or under SMOKEBOOK_RECORD_DIR) only when no check failed —
 *          otherwise the committed recording is left alone and the traffic goes to <name>.failed.har beside it
 *   replay client aimed at loopback, answered by MSW from the recording, on a VirtualClock starting where the
 *          recording started, comparing request bodies except the recording's volatile fields; recordedPoll is
 *          the interval and deadline the recording was made with (recording-meta.ts); finish() fails when a
 *          request was not recorded or a recorded one was never made
 */
import type { WorkspaceClient } from "@databricks/sdk-experimental";
import type { Clock } from "../clock.ts";
import { openTraffic } from "../define-smoke/traffic.ts";
import type { Env, RunMode } from "../gates.ts";
import { type HarRecorder, type HarReplay, recordingPath, type VolatileField } from "../replay/index.ts";
import type { RecordingResult } from "../replay/recording-result.ts";
import { createWorkspaceClient, replayWorkspaceClient } from "./client.ts";
import type { PollSettings } from "./poll-settings.ts";
import { readRecordingMeta, recordedPoll, recordingComment, volatileFields } from "./recording-meta.ts";

export type { RecordingResult };

/** What a smoke's recordings declare (explicit per smoke, kept in each recording it writes). */
export interface SmokeRecordingProfile {
  /** The smoke's name, as in its SmokeDefinition. */
  smoke: string;
  /** Request body fields that may differ between recording and replay. */
  volatile: ReadonlyArray<VolatileField>;
  /** False for smokes that do not poll (no poll settings in their recordings). */
  polls: boolean;
}

export interface DatabricksSession {
  readonly mode: RunMode;
  readonly client: WorkspaceClient;
  readonly clock: Clock;
  readonly replay: HarReplay | undefined;
  readonly recorder: HarRecorder | undefined;
  /** Replay: the poll interval and deadline the recording names (undefined when it names none). */
  readonly recordedPoll: PollSettings | undefined;
  /**
   * Replay: asserts the recording was used exactly. Record: writes the HAR — over the recording only when
   * `failedChecks` is empty, else to <name>.failed.har — and says which. Always stops interception.
   */
  finish(failedChecks?: ReadonlyArray<string>): Promise<RecordingResult | undefined>;
  /** Stops interception without checks (for cleanup after a failure). */
  close(): void;
}

export interface SessionOptions {
  env?: Env;
  /** What the recording holds, for the HAR's log.comment. */
  comment?: string;
  /** The smoke's name, for the HAR's log.comment (default: the recording path). */
  smoke?: string;
  /** Record: the poll settings of this run, kept in log.comment so replays poll the same way. */
  poll?: PollSettings | undefined;
  /**
   * Request body fields that may differ between recording and replay (run name suffixes, idempotency tokens).
   * Record: kept in log.comment. Replay: used when the recording names none.
   */
  volatile?: ReadonlyArray<VolatileField>;
}

export function openSession(mode: RunMode, recording: string, options: SessionOptions = {}): DatabricksSession {
  const env = options.env ?? process.env;
  const shown = recordingPath(recording).shown;
  const traffic = openTraffic(mode, recording, {
    env,
    comment: recordingComment({
      smoke: options.smoke ?? shown,
      description: options.comment ?? `recorded by smokebook (${shown})`,
      poll: options.poll,
      volatile: options.volatile,
    }),
    volatile: (har, source) => {
      const meta = readRecordingMeta(har, source);
      return meta ? volatileFields(meta) : (options.volatile ?? []);
    },
  });
  return {
    mode,
    client: mode === "replay" ? replayWorkspaceClient() : createWorkspaceClient(env),
    clock: traffic.clock,
    replay: traffic.replay,
    recorder: traffic.recorder,
    recordedPoll: traffic.har ? recordedPoll(readRecordingMeta(traffic.har, shown), shown) : undefined,
    finish: (failedChecks = []) => traffic.finish(failedChecks),
    close: () => traffic.close(),
  };
}
