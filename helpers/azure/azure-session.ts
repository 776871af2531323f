/**
 * One Azure session per smoke phase, shaped by its mode (as helpers/databricks/session.ts):
 *   live    DefaultAzureCredential, settings from the environment, the real clock
 *   record  live, every HTTP exchange captured by the HAR recorder; finish(failedChecks) keeps only the smoke's API
 *           traffic (never the sign-in requests: recording-filter.ts), puts the settings and ids in log.comment and
 *           writes the recording only after a clean run — otherwise <name>.failed.har beside it
 *   replay  the recording served by MSW (the SDKs' Node HTTP client is intercepted in-process), a placeholder token,
 *           the recording's settings and ids, a VirtualClock from where the recording started; finish() fails when
 *           a request was not recorded or a recorded one was never made
 * Never open a session while a K8s connection is in use: MSW would intercept the Kubernetes client too. The smokes
 * run their cluster phase and their Azure phase one after the other.
 */
import type { TokenCredential } from "@azure/identity";
import { type Clock, systemClock, VirtualClock } from "../clock.ts";
import type { Env, RunMode } from "../gates.ts";
import type { PollLine } from "../poll.ts";
import {
  type HarRecorder,
  type HarReplay,
  harStart,
  loadHar,
  recordingPath,
  recordTarget,
  saveHar,
  startRecorder,
  startReplay,
  type VolatileField,
} from "../replay/index.ts";
import { type RecordingResult, saveRecording } from "../replay/recording-result.ts";
import { type ArmClient, createArmClient } from "./arm-client.ts";
import { readTimeoutMs } from "./azure-settings.ts";
import { liveCredential, replayCredential } from "./credential.ts";
import { keepApiTraffic } from "./recording-filter.ts";
import { azureRecordingComment, readAzureRecordingMeta, toVolatileJson, volatileFieldsOf } from "./recording-meta.ts";

export interface AzureSession<S> {
  readonly mode: RunMode;
  readonly clock: Clock;
  readonly credential: TokenCredential;
  readonly arm: ArmClient;
  readonly settings: S;
  readonly readTimeoutMs: number;
  /**
   * Poll lines and retries of this session (waits, Transient failures retried) not yet written to a check's
   * evidence: a check takes them with `polls.splice(0)`. Live and record runs also print each one as it happens.
   */
  readonly polls: PollLine[];
  onPoll(line: PollLine): void;
  /** Ids the run uses (its run id): recorded ones in replay, else what `noteIds` set. */
  readonly ids: Readonly<Record<string, string>>;
  readonly replay: HarReplay | undefined;
  /** Record/live: keeps ids of this run for the recording (a replay reuses them). */
  noteIds(ids: Record<string, string>): void;
  finish(failedChecks?: ReadonlyArray<string>): Promise<RecordingResult | undefined>;
  close(): void;
}

export interface AzureSessionOptions<S> {
  smoke: string;
  /** Prefix of the progress lines live runs print ("[alert-events] …"); default the smoke's name. */
  label?: string;
  description: string;
  /** Live/record: the settings from the environment. */
  readSettings: (env: Env) => S;
  /** Request body fields that may differ between recording and replay (TimeGenerated, operator). */
  volatile?: ReadonlyArray<VolatileField>;
  /** Hosts besides management.azure.com whose traffic the recording keeps (the DCR endpoint, api.loganalytics.io). */
  apiHosts?: (settings: S) => ReadonlyArray<string>;
  env?: Env;
}

function pollQueue(print: ((line: PollLine) => void) | undefined) {
  const polls: PollLine[] = [];
  return {
    polls,
    onPoll: (line: PollLine) => {
      polls.push(line);
      print?.(line);
    },
  };
}

/** A poll line as live runs print it: "[label] 2026-02-24T01:41:00.000Z +60s state". */
export function progressLine(label: string, line: PollLine): string {
  return `[${label}] ${line.utc} +${line.elapsedSeconds}s ${line.state}`;
}

function openReplay<S>(recording: string): AzureSession<S> {
  const { absolute, shown } = recordingPath(recording);
  const har = loadHar(absolute, shown);
  const meta = readAzureRecordingMeta<S>(har, shown);
  const replay = startReplay(har, { source: shown, volatile: volatileFieldsOf(meta) });
  const clock = new VirtualClock(harStart(har) ?? Date.UTC(2026, 1, 24, 1));
  const credential = replayCredential();
  const timeout = meta.read_timeout_seconds * 1000;
  const queue = pollQueue(undefined);
  return {
    mode: "replay",
    clock,
    credential,
    arm: createArmClient({ credential, clock, readTimeoutMs: timeout, onRetry: queue.onPoll }),
    ...queue,
    settings: meta.settings,
    readTimeoutMs: timeout,
    ids: meta.ids,
    replay,
    noteIds: () => undefined,
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

export function openAzureSession<S>(
  mode: RunMode,
  recording: string,
  options: AzureSessionOptions<S>,
): AzureSession<S> {
  if (mode === "replay") return openReplay<S>(recording);
  const env = options.env ?? process.env;
  const settings = options.readSettings(env);
  const timeout = readTimeoutMs(env);
  const credential = liveCredential();
  const ids: Record<string, string> = {};
  const recorder: HarRecorder | undefined = mode === "record" ? startRecorder() : undefined;
  const label = options.label ?? options.smoke;
  const queue = pollQueue((line) => console.log(progressLine(label, line)));
  return {
    mode,
    clock: systemClock,
    credential,
    arm: createArmClient({ credential, clock: systemClock, readTimeoutMs: timeout, onRetry: queue.onPoll }),
    ...queue,
    settings,
    readTimeoutMs: timeout,
    get ids() {
      return ids;
    },
    replay: undefined,
    noteIds: (more) => Object.assign(ids, more),
    finish: async (failedChecks = []) => {
      if (!recorder) return undefined;
      recorder.stop();
      const comment = azureRecordingComment({
        smoke: options.smoke,
        description: `${options.description} (recorded live ${new Date().toISOString()})`,
        settings,
        ids,
        read_timeout_seconds: timeout / 1000,
        volatile_body_fields: toVolatileJson(options.volatile ?? []),
      });
      const har = keepApiTraffic(recorder.har(), options.apiHosts?.(settings) ?? []);
      har.log.comment = comment;
      const target = recordTarget(recording, env);
      return saveRecording({ save: (path, e) => saveHar(path, har, e) }, target, failedChecks, env);
    },
    close: () => recorder?.stop(),
  };
}
