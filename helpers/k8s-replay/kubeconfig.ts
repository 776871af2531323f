/**
 * A kubeconfig for a loopback server (the replay server, the recording proxy): plain http on 127.0.0.1 with
 * `insecure-skip-tls-verify: true` (client-node refuses an http server without it; kubectl accepts both), or https
 * with the server's own certificate pinned (the recording proxy, for kubectl), and a bearer
 * token — a placeholder for a replay, the proxy session's own token for a recording (never a cluster credential).
 * The context's namespace is the recording's, so `kubectl get pods` asks what was recorded.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

export interface KubeconfigInit {
  server: string;
  namespace: string;
  /** Cluster, user and context name (default "smokebook-replay"). */
  name?: string;
  /** Bearer token of the user (default REPLAY_TOKEN, a placeholder the replay server ignores). */
  token?: string;
  /** PEM certificate of an https server (the recording proxy's own), pinned instead of skipping verification. */
  caCert?: string;
}

export const REPLAY_TOKEN = "smokebook-replay-placeholder";

export function kubeconfigYaml(init: KubeconfigInit): string {
  const name = init.name ?? "smokebook-replay";
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name,
        cluster: init.caCert
          ? { server: init.server, "certificate-authority-data": Buffer.from(init.caCert).toString("base64") }
          : { server: init.server, "insecure-skip-tls-verify": true },
      },
    ],
    users: [{ name, user: { token: init.token ?? REPLAY_TOKEN } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: init.namespace } }],
    "current-context": name,
    preferences: {},
  });
}

/** Writes the kubeconfig into a fresh temporary folder (or `dir`) and returns its path. */
export function writeKubeconfig(init: KubeconfigInit, dir?: string): string {
  const folder = dir ?? mkdtempSync(join(tmpdir(), "smokebook-k8s-replay-"));
  const path = join(folder, "kubeconfig");
  writeFileSync(path, kubeconfigYaml(init), { mode: 0o600 });
  return path;
}
