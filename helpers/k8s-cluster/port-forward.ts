/**
 * `kubectl port-forward` as a handle: a TCP listener on 127.0.0.1 whose every connection is tunnelled to a pod
 * port through the API server (WebSocket, v4.channel.k8s.io, @kubernetes/client-node's PortForward). The pod is
 * resolved per connection, so after a rollout a new connection reaches a new pod. Close it (or `await using`).
 */
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { type KubeConfig, PortForward } from "@kubernetes/client-node";
import { listenLoopback } from "../net/loopback-http.ts";

export interface PortForwardHandle extends AsyncDisposable {
  readonly localPort: number;
  /** http://127.0.0.1:<localPort> */
  readonly url: string;
  /** Pods connections were forwarded to, in order. */
  readonly pods: ReadonlyArray<string>;
  /** What the API server reported on the error channel ("… connection refused"). */
  readonly errors: ReadonlyArray<string>;
  close(): Promise<void>;
}

export interface PortForwardOptions {
  namespace: string;
  port: number;
  /** The pod to forward the next connection to. */
  resolvePod: () => Promise<string>;
}

interface ClosableSocket {
  on?: (event: "close", listener: () => void) => void;
  close(): void;
}

export async function openPortForward(kc: KubeConfig, options: PortForwardOptions): Promise<PortForwardHandle> {
  const pods: string[] = [];
  const errors: string[] = [];
  const tunnels = new Set<ClosableSocket>();
  const errorSink = () =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const text = chunk.toString("utf8").trim();
        if (text) errors.push(text);
        callback();
      },
    });

  const server = createServer(async (socket) => {
    socket.on("error", () => socket.destroy());
    try {
      const pod = await options.resolvePod();
      pods.push(pod);
      const forward = new PortForward(kc);
      const opened = await forward.portForward(options.namespace, pod, [options.port], socket, errorSink(), socket);
      const ws = (typeof opened === "function" ? opened() : opened) as ClosableSocket | null;
      if (!ws) {
        socket.destroy();
        return;
      }
      tunnels.add(ws);
      // client-node does not end the local socket when the tunnel closes; do it, so the HTTP client sees the end.
      ws.on?.("close", () => {
        tunnels.delete(ws);
        socket.end();
      });
      socket.on("close", () => ws.close());
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      socket.destroy();
    }
  });
  const listener = await listenLoopback(server, {
    onClose: () => {
      for (const ws of tunnels) ws.close();
    },
  });
  const { port: localPort, url, close } = listener;
  return { localPort, url, pods, errors, close, [Symbol.asyncDispose]: close };
}
