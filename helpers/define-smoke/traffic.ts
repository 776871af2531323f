/**
 * HTTP traffic of one session by mode, through the process's single MSW interception: a replay of a HAR recording
 * (virtual clock from the recording's start), a recorder (written after a clean run, else `.failed.har`), or nothing.
 * The Databricks and HTTP sessions both stand on it.
 */
import type { Har } from "har-format";
import { type Clock, systemClock, VirtualClock } from "../clock.ts";
import { SmokebookError } from "../errors.ts";
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

export interface Traffic {
  readonly mode: RunMode;
  readonly clock: Clock;
  readonly replay: HarReplay | undefined;
  readonly recorder: HarRecorder | undefined;
  /** Replay: the recording as loaded. */
  readonly har: Har | undefined;
  /**
   * Replay: asserts the recording was used exactly (only when `complete`: every check of the block ran). Record:
   * writes it (or .failed.har). Always stops interception.
   */
  finish(failedChecks: ReadonlyArray<string>, complete?: boolean): Promise<RecordingResult | undefined>;
  close(): void;
}

export interface TrafficOptions {
  env?: Env;
  /** log.comment of a recording this session writes. */
  comment?: string;
  /** Request body fields that may differ between recording and replay; `har` → those the recording names. */
  volatile?: ReadonlyArray<VolatileField> | ((har: Har, shown: string) => ReadonlyArray<VolatileField>);
}

export function openTraffic(mode: RunMode, recording: string | undefined, options: TrafficOptions = {}): Traffic {
  const env = options.env ?? process.env;
  if (mode === "live" || (mode === "record" && recording === undefined)) {
    return {
      mode,
      clock: systemClock,
      replay: undefined,
      recorder: undefined,
      har: undefined,
      finish: async () => undefined,
      close: () => undefined,
    };
  }
  if (recording === undefined) {
    throw new SmokebookError("NO_RECORDING", "replay needs a recording, and this session declares none");
  }
  if (mode === "replay") {
    const { absolute, shown } = recordingPath(recording);
    const har = loadHar(absolute, shown);
    const volatile = typeof options.volatile === "function" ? options.volatile(har, shown) : (options.volatile ?? []);
    const replay = startReplay(har, { source: shown, volatile });
    return {
      mode,
      clock: new VirtualClock(harStart(har) ?? Date.UTC(2026, 0, 1)),
      replay,
      recorder: undefined,
      har,
      finish: async (_failedChecks, complete = true) => {
        try {
          if (complete) replay.assertComplete();
        } finally {
          replay.close();
        }
        return undefined;
      },
      close: () => replay.close(),
    };
  }
  const recorder = startRecorder({ comment: options.comment ?? `recorded by smokebook (${recording})` });
  return {
    mode,
    clock: systemClock,
    replay: undefined,
    recorder,
    har: undefined,
    finish: async (failedChecks) => {
      recorder.stop();
      return saveRecording(recorder, recordTarget(recording, env), failedChecks, env);
    },
    close: () => recorder.stop(),
  };
}
