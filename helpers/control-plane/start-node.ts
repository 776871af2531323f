/**
 * Starts the node: our containerd (CRI on, state in the cluster folder), the sandbox image in it, then the kubelet
 * registering as node `localhost`; waits until containerd answers and the Node is Ready.
 */
import { join } from "node:path";
import { $ } from "zx";
import { containerdCommand, kubeletCommand, NODE_NAME } from "./components.ts";
import { writeKubeconfig } from "./kubeconfig-file.ts";
import { kubectlCacheDir } from "./kubectl-apply.ts";
import { writeKubeletConfig } from "./kubelet-config.ts";
import { buildPauseImage, loadIntoNode } from "./node-images.ts";
import { PAUSE_IMAGE, writeNodeRuntimeConfig } from "./node-runtime.ts";
import { launch, type StartContext } from "./start-control-plane.ts";
import { waitReady } from "./wait-ready.ts";

export const POD_BRIDGE = "smokebook0";

export interface NodeTools {
  ctr: string;
  gcc: string;
  kubectl: string;
  cniBinDir: string;
}

interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export async function startNode(ctx: StartContext, tools: NodeTools): Promise<void> {
  const { state, pki } = ctx;
  const runtime = await writeNodeRuntimeConfig(state.dir, tools.cniBinDir, POD_BRIDGE);
  state.containerdSocket = runtime.socket;
  const containerd = await launch(ctx, containerdCommand(runtime));
  await waitReady(
    `containerd answers on ${runtime.socket}`,
    async () => {
      const out = await $({ quiet: true, nothrow: true })`${tools.ctr} -a ${runtime.socket} version`;
      return { ready: out.exitCode === 0, state: out.exitCode === 0 ? "answering" : out.stderr.trim() };
    },
    { timeoutMs: ctx.timeoutMs, watch: containerd, log: ctx.log },
  );
  await buildPauseImage(state.dir, tools.gcc);
  await loadIntoNode(PAUSE_IMAGE, runtime.socket, tools.ctr);
  ctx.log(`loaded ${PAUSE_IMAGE} (built from upstream pause.c) into the node`);

  const server = `https://127.0.0.1:${state.ports.apiserver}`;
  const kubeconfig = await writeKubeconfig(
    join(state.dir, "kubeconfigs", "kubelet.kubeconfig"),
    server,
    pki.ca.cert,
    pki.kubeletClient,
    `system:node:${NODE_NAME}`,
  );
  const config = await writeKubeletConfig(join(state.dir, "kubelet.yaml"), state.ports.kubelet, pki, runtime.socket);
  const kubelet = await launch(ctx, kubeletCommand(state.dir, config, kubeconfig));
  await waitReady(
    `node ${NODE_NAME} is Ready`,
    async () => {
      const out = await $({
        quiet: true,
        nothrow: true,
      })`${tools.kubectl} --kubeconfig ${state.kubeconfig} --cache-dir ${kubectlCacheDir(state.kubeconfig)} get node ${NODE_NAME} -o jsonpath=${"{.status.conditions}"}`;
      if (out.exitCode !== 0) return { ready: false, state: out.stderr.trim() };
      const ready = (JSON.parse(out.stdout || "[]") as NodeCondition[]).find((c) => c.type === "Ready");
      return {
        ready: ready?.status === "True",
        state: ready ? `Ready=${ready.status} ${ready.reason ?? ""}` : "no Ready condition yet",
      };
    },
    { timeoutMs: ctx.timeoutMs, watch: kubelet, log: ctx.log },
  );
}
