/**
 * One Databricks session per smoke, shaped by its mode:
 *   live   client from the environment (createWorkspaceClient), real clock
 *   record live, with every request captured by the HAR recorder; finish() writes the redacted recording to
 *          the smoke's recording path (or under SMOKEBOOK_RECORD_DIR)
 *   replay client aimed at loopback, answered by MSW from the recording, on a VirtualClock starting where the
 *          recording started; finish() fails when a request was not recorded or a recorded one was never made
 */
import type { WorkspaceClient } from "@databricks/sdk-experimental";
import { type Clock, systemClock, VirtualClock } from "../clock.ts";
import type { Env, RunMode } from "../gates.ts";
import {
  type HarRecorder,
  type HarReplay,
  harStart,
  recordingPath,
  recordTarget,
  startRecorder,
  startReplay,
} from "../replay/index.ts";
import { createWorkspaceClient, replayWorkspaceClient } from "./client.ts";

export interface DatabricksSession {
  readonly mode: RunMode;
  readonly client: WorkspaceClient;
  readonly clock: Clock;
  readonly replay: HarReplay | undefined;
  readonly recorder: HarRecorder | undefined;
  /** Replay: asserts the recording was used exactly. Record: writes the HAR and returns its path. Always stops interception. */
  finish(): Promise<string | undefined>;
  /** Stops interception without checks (for cleanup after a failure). */
  close(): void;
}

export interface SessionOptions {
  env?: Env;
  /** What the recording holds, for the HAR's log.comment. */
  comment?: string;
}

export function openSession(mode: RunMode, recording: string, options: SessionOptions = {}): DatabricksSession {
  const env = options.env ?? process.env;
  if (mode === "replay") {
    const replay = startReplay(recording);
    const clock = new VirtualClock(harStart(replay.har) ?? Date.UTC(2026, 0, 1));
    return {
      mode,
      client: replayWorkspaceClient(),
      clock,
      replay,
      recorder: undefined,
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
  const client = createWorkspaceClient(env);
  const recorder =
    mode === "record"
      ? startRecorder({ comment: options.comment ?? `recorded by smokebook (${recordingPath(recording).shown})` })
      : undefined;
  return {
    mode,
    client,
    clock: systemClock,
    replay: undefined,
    recorder,
    finish: async () => {
      if (!recorder) return undefined;
      recorder.stop();
      const target = recordTarget(recording, env);
      recorder.save(target, env);
      return target;
    },
    close: () => recorder?.stop(),
  };
}
