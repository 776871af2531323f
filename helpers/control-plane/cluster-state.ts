/**
 * Where a local cluster keeps everything (SMOKEBOOK_CLUSTER_DIR, default `<tmp>/smokebook-cluster`): certificates,
 * etcd data, containerd and kubelet state, component logs, the admin kubeconfig, and `state.json` — the pid of every
 * process `npm run cluster:up` started, so `npm run cluster:down` stops exactly those.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

export interface StartedProcess {
  name: string;
  pid: number;
  log: string;
}

export interface ClusterState {
  dir: string;
  createdAt: string;
  nodeName: string;
  ports: { etcdClient: number; etcdPeer: number; apiserver: number; kubelet: number };
  kubeconfig: string;
  /** containerd's socket, for loading images and listing what runs. */
  containerdSocket: string;
  /** In start order; stopped in reverse. */
  processes: StartedProcess[];
}

export function clusterDir(env: Env = process.env): string {
  const chosen = env.SMOKEBOOK_CLUSTER_DIR?.trim();
  return chosen ? resolve(chosen) : join(tmpdir(), "smokebook-cluster");
}

export const statePath = (dir: string): string => join(dir, "state.json");

export function readState(dir: string): ClusterState | undefined {
  if (!existsSync(statePath(dir))) return undefined;
  return JSON.parse(readFileSync(statePath(dir), "utf8")) as ClusterState;
}

export async function writeState(state: ClusterState): Promise<void> {
  await writeFile(statePath(state.dir), `${JSON.stringify(state, null, 2)}\n`);
}

/** Is this pid a live process (not a zombie)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}
