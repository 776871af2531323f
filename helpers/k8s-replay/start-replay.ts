/**
 * Starts a replay of a Kubernetes recording: the loopback API server plus a kubeconfig pointing at it, on a virtual
 * clock that starts where the recording started.
 *
 *   await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
 *   KUBECONFIG=replay.kubeconfigPath kubectl get pods       // or loadKubeConfig({ KUBECONFIG: … })
 *   replay.clock                                             // pass to waits: they run on virtual time
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { VirtualClock } from "../clock.ts";
import { harStart } from "../replay/har-builder.ts";
import { writeKubeconfig } from "./kubeconfig.ts";
import { type K8sRecording, loadK8sRecording } from "./recording.ts";
import { type K8sReplayServer, serveK8sRecording } from "./replay-server.ts";

export interface StartedK8sReplay extends AsyncDisposable {
  readonly server: K8sReplayServer;
  readonly recording: K8sRecording;
  readonly kubeconfigPath: string;
  readonly clock: VirtualClock;
  close(): Promise<void>;
}

export interface StartReplayOptions {
  clock?: VirtualClock;
  /** Folder for the kubeconfig (default: a fresh temporary folder, removed on close). */
  dir?: string;
}

export async function startK8sReplay(path: string, options: StartReplayOptions = {}): Promise<StartedK8sReplay> {
  const recording = loadK8sRecording(path);
  const clock = options.clock ?? new VirtualClock(harStart(recording.har) ?? new Date());
  const server = await serveK8sRecording(recording, { clock });
  const kubeconfigPath = writeKubeconfig({ server: server.url, namespace: recording.meta.namespace }, options.dir);
  const close = async () => {
    await server.close();
    if (!options.dir) rmSync(dirname(kubeconfigPath), { recursive: true, force: true });
  };
  return { server, recording, kubeconfigPath, clock, close, [Symbol.asyncDispose]: close };
}
