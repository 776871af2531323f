/**
 * The cluster a smoke talks to, by mode: live → the kubeconfig's current context on the real clock;
 * replay → the recording served on 127.0.0.1 (helpers/k8s-replay) on a virtual clock. The checks cannot tell.
 * record → live through a recording proxy that writes the smoke's recording on `close({ passed: true })`, and only
 * <name>.failed.har otherwise (record-connection.ts).
 * Closing a replay checks that the run followed its recording (every recorded request made, none added): call
 * `close()` when the smoke is done; disposal (`await using`) only releases, so it never hides the smoke's own error.
 */
import { type Clock, systemClock } from "../clock.ts";
import type { Env, RunMode } from "../gates.ts";
import type { K8sRecording } from "../k8s-replay/recording.ts";
import { assertReplayFollowed } from "../k8s-replay/replay-divergence.ts";
import { type StartedK8sReplay, startK8sReplay } from "../k8s-replay/start-replay.ts";
import { clientsForKubeconfig, type KubeClients, kubeClients, loadKubeConfig } from "./kube-client.ts";
import { recordingConnection } from "./record-connection.ts";

export interface CloseOptions {
  /** Replay: fail when the run diverged from its recording (default true). */
  verify?: boolean;
  /**
   * Record: every check of the smoke passed, so the recording replaces the committed one. Without it (and on
   * disposal) the traffic goes to <name>.failed.har beside it and the committed recording is left as it was.
   */
  passed?: boolean;
}

export interface ClusterConnection extends AsyncDisposable {
  clients: KubeClients;
  clock: Clock;
  /** The recording, in replay mode. */
  recording: K8sRecording | undefined;
  replay: StartedK8sReplay | undefined;
  /** Unique ids the run generated (marker, trace id): a recording keeps them so its replay can reuse them. */
  noteIds(ids: Record<string, string>): void;
  /** Ends the connection; a replay then throws ReplayDivergedError (K8S_REPLAY_DIVERGED) unless `verify: false`. */
  close(options?: CloseOptions): Promise<void>;
}

async function replayConnection(recording: string): Promise<ClusterConnection> {
  const replay = await startK8sReplay(recording);
  let verified = false;
  const close = async (options: CloseOptions = {}) => {
    await replay.close();
    if (options.verify === false || verified) return;
    verified = true;
    assertReplayFollowed(replay.server);
  };
  return {
    clients: clientsForKubeconfig(replay.kubeconfigPath),
    clock: replay.clock,
    recording: replay.recording,
    replay,
    noteIds: () => undefined,
    close,
    [Symbol.asyncDispose]: () => close({ verify: false }),
  };
}

export interface ConnectOptions {
  /** The namespace the smoke works in: a recording defaults kubectl to it and captures the §6.2 checklist there. */
  namespace?: string;
}

export async function connectCluster(
  mode: RunMode,
  recording: string,
  env: Env = process.env,
  options: ConnectOptions = {},
): Promise<ClusterConnection> {
  if (mode === "replay") return replayConnection(recording);
  if (mode === "record") return recordingConnection(recording, env, options);
  const close = async () => undefined;
  return {
    clients: kubeClients(loadKubeConfig(env)),
    clock: systemClock,
    recording: undefined,
    replay: undefined,
    noteIds: () => undefined,
    close,
    [Symbol.asyncDispose]: close,
  };
}
