/**
 * Starts etcd, kube-apiserver, kube-controller-manager and kube-scheduler on 127.0.0.1, each waited for before the
 * next (etcd /health, API server /readyz), recording every pid in the cluster state as soon as it exists.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { apiGet, httpGet } from "./api-probe.ts";
import type { ClusterState } from "./cluster-state.ts";
import { writeState } from "./cluster-state.ts";
import {
  apiserverCommand,
  type ComponentCommand,
  controllerManagerCommand,
  etcdCommand,
  schedulerCommand,
} from "./components.ts";
import { startDaemon } from "./daemon.ts";
import { writeKubeconfig } from "./kubeconfig-file.ts";
import type { ClusterPki } from "./pki.ts";
import { waitReady } from "./wait-ready.ts";

export interface StartContext {
  state: ClusterState;
  pki: ClusterPki;
  /** Resolves a component's tool key to the binary to run. */
  binary: (tool: string) => string;
  log: (line: string) => void;
  timeoutMs: number;
}

export async function launch(ctx: StartContext, command: ComponentCommand) {
  await mkdir(join(ctx.state.dir, "logs"), { recursive: true });
  const log = join(ctx.state.dir, "logs", `${command.name}.log`);
  const started = await startDaemon(command.name, ctx.binary(command.tool), command.args, log);
  ctx.state.processes.push(started);
  await writeState(ctx.state);
  ctx.log(`started ${command.name} (pid ${started.pid}, log ${log})`);
  return started;
}

export async function startControlPlane(ctx: StartContext): Promise<void> {
  const { state, pki } = ctx;
  const etcd = await launch(ctx, etcdCommand(state.dir, state.ports));
  await waitReady(
    `etcd answers /health on 127.0.0.1:${state.ports.etcdClient}`,
    async () => {
      const res = await httpGet(state.ports.etcdClient, "/health");
      return { ready: res.status === 200 && res.body.includes("true"), state: `HTTP ${res.status} ${res.body.trim()}` };
    },
    { timeoutMs: ctx.timeoutMs, watch: etcd, log: ctx.log },
  );
  const apiserver = await launch(ctx, apiserverCommand(state.dir, state.ports, pki));
  await waitReady(
    `kube-apiserver /readyz is ok on 127.0.0.1:${state.ports.apiserver}`,
    async () => {
      const res = await apiGet(state.ports.apiserver, "/readyz", pki);
      return { ready: res.status === 200, state: `HTTP ${res.status} ${res.body.trim().split("\n").at(-1) ?? ""}` };
    },
    { timeoutMs: ctx.timeoutMs, watch: apiserver, log: ctx.log },
  );
  const server = `https://127.0.0.1:${state.ports.apiserver}`;
  const kubeconfigs = join(state.dir, "kubeconfigs");
  await mkdir(kubeconfigs, { recursive: true });
  const cm = await writeKubeconfig(
    join(kubeconfigs, "kube-controller-manager.kubeconfig"),
    server,
    pki.ca.cert,
    pki.controllerManager,
    "system:kube-controller-manager",
  );
  const scheduler = await writeKubeconfig(
    join(kubeconfigs, "kube-scheduler.kubeconfig"),
    server,
    pki.ca.cert,
    pki.scheduler,
    "system:kube-scheduler",
  );
  await launch(ctx, controllerManagerCommand(cm, pki));
  await launch(ctx, schedulerCommand(scheduler));
}
