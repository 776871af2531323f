/**
 * The live members of a process group, read from /proc (Linux): what a stopped app may have left behind. Zombies
 * (state Z: exited, waiting for a parent that may never reap them) are not live and are not listed. Off Linux, only
 * whether the group still exists is known (kill -0), reported as the group id itself.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

export interface GroupMember {
  pid: number;
  /** The command name (/proc/<pid>/stat field 2). */
  command: string;
  /** The process state letter (R running, S sleeping, T stopped, …). */
  state: string;
}

/** Parses /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses. */
export function parseStat(text: string): { pid: number; command: string; state: string; pgid: number } | undefined {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const pid = Number(text.slice(0, open).trim());
  const pgid = Number(rest[2]);
  if (!Number.isInteger(pid) || !Number.isInteger(pgid)) return undefined;
  return { pid, command: text.slice(open + 1, close), state: rest[0] ?? "?", pgid };
}

function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Live (non-zombie) processes whose process group is `pgid`. */
export function groupMembers(pgid: number, procDir = "/proc"): GroupMember[] {
  if (!existsSync(procDir)) return groupExists(pgid) ? [{ pid: pgid, command: "?", state: "?" }] : [];
  const members: GroupMember[] = [];
  for (const entry of readdirSync(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try {
      text = readFileSync(`${procDir}/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    const stat = parseStat(text);
    if (stat && stat.pgid === pgid && stat.state !== "Z" && stat.state !== "X") {
      members.push({ pid: stat.pid, command: stat.command, state: stat.state });
    }
  }
  return members.sort((a, b) => a.pid - b.pid);
}

/** Sends `signal` to every process of the group; false when the group is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}
