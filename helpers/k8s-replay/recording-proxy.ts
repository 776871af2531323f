/**
 * Record mode for K8s smokes: a proxy on 127.0.0.1 in front of the real API server. @kubernetes/client-node's own
 * undici cannot be intercepted in-process (so the MSW recorder of helpers/replay does not see it); instead the
 * smoke talks to this proxy through the kubeconfig `writeKubeconfig()` writes for it, and the proxy forwards each
 * request with the real kubeconfig's credentials (proxy-exchange.ts; exec and port-forward upgrades in
 * proxy-upgrade.ts), keeping every exchange as a HAR entry.
 * Only holders of the session's random bearer token get through (proxy-auth.ts): anything else on this machine
 * that finds the port gets a 401 and nothing is forwarded. `har()` returns the recording made fit to commit by
 * recording-redaction.ts; the token is in neither the recording nor the forwarded requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import type { KubeConfig } from "@kubernetes/client-node";
import type { Entry, Har } from "har-format";
import { SmokebookError } from "../errors.ts";
import { listenLoopback } from "../net/loopback-http.ts";
import { harLog } from "../replay/har-builder.ts";
import { CHECKLIST_COMMENT } from "./checklist.ts";
import { writeKubeconfig } from "./kubeconfig.ts";
import { hasProxyToken, newProxyToken, refuseRequest, refuseUpgrade } from "./proxy-auth.ts";
import { forwardExchange } from "./proxy-exchange.ts";
import type { ProxySession } from "./proxy-session.ts";
import type { ProxyTls } from "./proxy-tls.ts";
import { relayUpgrade } from "./proxy-upgrade.ts";
import type { K8sRecordingMeta } from "./recording.ts";
import { redactK8sRecording } from "./recording-redaction.ts";

export interface RecordingProxy extends AsyncDisposable {
  readonly url: string;
  /** The session's bearer token: only the kubeconfig written by writeKubeconfig() carries it. */
  readonly token: string;
  readonly entries: ReadonlyArray<Entry>;
  /** Requests refused for a missing or wrong token (never forwarded, never recorded). */
  readonly refused: number;
  /** Writes a kubeconfig for the proxy (default namespace `namespace`) into `dir`; returns its path. */
  writeKubeconfig(namespace: string, dir?: string): string;
  /** From now on, exchanges are the §6.2 checklist's (checklist.ts): their entries carry CHECKLIST_COMMENT. */
  markChecklist(): void;
  /** The recording, Secrets blanked and tunnelled credentials redacted. */
  har(meta: K8sRecordingMeta, comment: string): Har;
  close(): Promise<void>;
}

export interface RecordingProxyOptions {
  /** Serve HTTPS with this identity (kubectl sends the session token only over TLS; proxy-tls.ts makes one). */
  tls?: ProxyTls;
}

export async function startRecordingProxy(
  upstream: KubeConfig,
  options: RecordingProxyOptions = {},
): Promise<RecordingProxy> {
  const base = upstream.getCurrentCluster()?.server;
  if (!base) {
    throw new SmokebookError(
      "K8S_RECORD_NO_CLUSTER",
      `the kubeconfig to record from has no current cluster (context ${JSON.stringify(upstream.getCurrentContext())})`,
    );
  }
  const token = newProxyToken();
  const session: ProxySession = { base, upstream, entries: [], tunnels: new Set<Duplex>() };
  let refused = 0;
  let checklistFrom = Number.POSITIVE_INFINITY;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!hasProxyToken(req.headers, token)) {
      refused += 1;
      req.resume();
      refuseRequest(res);
      return;
    }
    void forwardExchange(session, req, res);
  };
  const server = options.tls ? createHttpsServer(options.tls, handler) : createServer(handler);
  server.on("upgrade", (req: IncomingMessage, client: Duplex) => {
    if (!hasProxyToken(req.headers, token)) {
      refused += 1;
      refuseUpgrade(client);
      return;
    }
    void relayUpgrade(session, req, client);
  });

  const loopback = await listenLoopback(server, {
    onClose: () => {
      for (const socket of session.tunnels) socket.destroy();
    },
  });
  const listener = {
    url: options.tls ? loopback.url.replace(/^http:/, "https:") : loopback.url,
    close: loopback.close,
  };
  const recorded = () =>
    session.entries.flatMap((e, slot) =>
      e === undefined ? [] : [slot >= checklistFrom ? { ...e, comment: CHECKLIST_COMMENT } : e],
    );
  return {
    url: listener.url,
    token,
    get entries() {
      return recorded();
    },
    get refused() {
      return refused;
    },
    markChecklist: () => {
      checklistFrom = session.entries.length;
    },
    writeKubeconfig: (namespace, dir) =>
      writeKubeconfig(
        { server: listener.url, namespace, token, ...(options.tls ? { caCert: options.tls.cert } : {}) },
        dir,
      ),
    har: (meta, comment) => {
      const har = harLog(recorded(), comment);
      (har.log as unknown as Record<string, unknown>)._smokebook = meta;
      return redactK8sRecording(har);
    },
    close: listener.close,
    [Symbol.asyncDispose]: listener.close,
  };
}
