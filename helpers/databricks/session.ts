/**
 * One Databricks session per smoke, shaped by its mode:
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
import { type Clock, systemClock, VirtualClock } from "../clock.ts";
import type { Env, RunMode } from "../gates.ts";
import {
  type HarRecorder,
  type HarReplay,
  harStart,
  loadHar,
  recordingPath,
  recordTarget,
  startRecorder,
  startReplay,
  type VolatileField,
} from "../replay/index.ts";
import { type RecordingResult, saveRecording } from "../replay/recording-result.ts";
import { createWorkspaceClient, replayWorkspaceClient } from "./client.ts";
import type { PollSettings } from "./poll-settings.ts";
import { readRecordingMeta, recordedPoll, recordingComment, volatileFields } from "./recording-meta.ts";

export type { RecordingResult };

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

function openReplay(recording: string, options: SessionOptions): DatabricksSession {
  const { absolute, shown } = recordingPath(recording);
  const har = loadHar(absolute, shown);
  const meta = readRecordingMeta(har, shown);
  const replay = startReplay(har, { source: shown, volatile: meta ? volatileFields(meta) : (options.volatile ?? []) });
  const clock = new VirtualClock(harStart(replay.har) ?? Date.UTC(2026, 0, 1));
  return {
    mode: "replay",
    client: replayWorkspaceClient(),
    clock,
    replay,
    recorder: undefined,
    recordedPoll: recordedPoll(meta, shown),
    finish: async () => {
      try {
        replay.assertComplete();
      } finally {
        replay.close();
      }
      return undefined;
    },
    close: () => replay.close(),
  };
}

export function openSession(mode: RunMode, recording: string, options: SessionOptions = {}): DatabricksSession {
  if (mode === "replay") return openReplay(recording, options);
  const env = options.env ?? process.env;
  const client = createWorkspaceClient(env);
  const recorder =
    mode === "record"
      ? startRecorder({
          comment: recordingComment({
            smoke: options.smoke ?? recordingPath(recording).shown,
            description: options.comment ?? `recorded by smokebook (${recordingPath(recording).shown})`,
            poll: options.poll,
            volatile: options.volatile,
          }),
        })
      : undefined;
  return {
    mode,
    client,
    clock: systemClock,
    replay: undefined,
    recorder,
    recordedPoll: undefined,
    finish: async (failedChecks = []) => {
      if (!recorder) return undefined;
      recorder.stop();
      return saveRecording(recorder, recordTarget(recording, env), failedChecks, env);
    },
    close: () => recorder?.stop(),
  };
}
