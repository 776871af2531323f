/**
 * What a stopped cluster must not leave behind: a process it started (by pid), any other process whose command line
 * or working directory is inside the cluster folder (containerd's shims, the pods' processes), a mount below the
 * folder, the folder itself, the pod bridge. `cluster:down` fails when this list is not empty.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { alive, type ClusterState } from "./cluster-state.ts";

export interface Leftover {
  kind: "process" | "mount" | "folder" | "network";
  what: string;
}

/** Processes in a kubepods cgroup: pods' containers (only this cluster's kubelet creates kubepods here). */
export function podProcesses(): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cgroup`, "utf8").includes("/kubepods")) continue;
      found.push({
        pid: Number(entry),
        cmd: readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim(),
      });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Processes (other than this one) whose command line or cwd mentions `dir`. */
export function processesUsing(dir: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      let cwd = "";
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // a process we may not inspect
      }
      if (cmd.includes(dir) || cwd === dir || cwd.startsWith(`${dir}/`)) found.push({ pid: Number(entry), cmd });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Mount points at or below `dir`, deepest first (the order to unmount them). */
export function mountsBelow(dir: string): string[] {
  const mounts = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .map((p) => p.replace(/\\040/g, " "))
    .filter((p) => p === dir || p.startsWith(`${dir}/`));
  return [...new Set(mounts)].sort((a, b) => b.length - a.length);
}

export function leftovers(state: Pick<ClusterState, "dir" | "processes">, bridge?: string): Leftover[] {
  const found: Leftover[] = [];
  for (const p of state.processes) if (alive(p.pid)) found.push({ kind: "process", what: `${p.name} (pid ${p.pid})` });
  for (const p of [...processesUsing(state.dir), ...podProcesses()]) {
    if (!found.some((f) => f.what.includes(`pid ${p.pid})`)))
      found.push({ kind: "process", what: `pid ${p.pid}: ${p.cmd.slice(0, 160)}` });
  }
  for (const m of mountsBelow(state.dir)) found.push({ kind: "mount", what: m });
  if (existsSync(state.dir)) found.push({ kind: "folder", what: state.dir });
  if (bridge && existsSync(`/sys/class/net/${bridge}`)) found.push({ kind: "network", what: `bridge ${bridge}` });
  return found;
}
