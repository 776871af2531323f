/**
 * The cluster a smoke talks to, by mode: live → the kubeconfig's current context on the real clock;
 * replay → the recording served on 127.0.0.1 (helpers/k8s-replay) on a virtual clock. The checks cannot tell.
 * record → live through a recording proxy that writes the smoke's recording on close (record-connection.ts).
 */
import { type Clock, systemClock } from "../clock.ts";
import type { Env, RunMode } from "../gates.ts";
import type { K8sRecording } from "../k8s-replay/recording.ts";
import { type StartedK8sReplay, startK8sReplay } from "../k8s-replay/start-replay.ts";
import { clientsForKubeconfig, type KubeClients, kubeClients, loadKubeConfig } from "./kube-client.ts";
import { recordingConnection } from "./record-connection.ts";

export interface ClusterConnection extends AsyncDisposable {
  clients: KubeClients;
  clock: Clock;
  /** The recording, in replay mode. */
  recording: K8sRecording | undefined;
  replay: StartedK8sReplay | undefined;
  /** Unique ids the run generated (marker, trace id): a recording keeps them so its replay can reuse them. */
  noteIds(ids: Record<string, string>): void;
  close(): Promise<void>;
}

export async function connectCluster(
  mode: RunMode,
  recording: string,
  env: Env = process.env,
): Promise<ClusterConnection> {
  if (mode === "replay") {
    const replay = await startK8sReplay(recording);
    const close = () => replay.close();
    return {
      clients: clientsForKubeconfig(replay.kubeconfigPath),
      clock: replay.clock,
      recording: replay.recording,
      replay,
      noteIds: () => undefined,
      close,
      [Symbol.asyncDispose]: close,
    };
  }
  if (mode === "record") return recordingConnection(recording, env);
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
