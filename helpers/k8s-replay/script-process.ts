/**
 * scripts/replay-k8s.ts as a child process, for the tests that stop it: when it has started (its kubeconfig path on
 * stdout, its port on stderr), when it has exited, and whether anything still listens on its port.
 */
import type { ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { createInterface } from "node:readline";

/** Resolves true once nothing listens on 127.0.0.1:`port` (within `ms`), false if something still does. */
export async function portClosed(port: number, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (!open) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The first stdout line (the kubeconfig path) and the server's port from stderr, once the script has started. */
export function scriptStarted(child: ChildProcess): Promise<{ kubeconfig: string; port: number }> {
  return new Promise((resolve, reject) => {
    let stderr = "";
    let kubeconfig: string | undefined;
    let port: number | undefined;
    const done = () => {
      if (kubeconfig !== undefined && port !== undefined) resolve({ kubeconfig, port });
    };
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) => {
      kubeconfig = line;
      done();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /at http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (match && port === undefined) {
        port = Number(match[1]);
        done();
      }
    });
    child.once("exit", (code) => reject(new Error(`replay-k8s exited ${code} before it started: ${stderr}`)));
  });
}

export function exited(child: ChildProcess, ms = 10_000): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode ?? child.signalCode);
      return;
    }
    const timer = setTimeout(() => resolve("still running"), ms);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}
