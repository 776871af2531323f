/**
 * A server on 127.0.0.1, port 0 (the OS picks a free one), as a handle: `await using srv = await listenLoopback(s)`.
 * Closing it ends every open connection (keep-alive, held requests, WebSocket upgrades) instead of waiting for
 * clients to hang up, so a fake remote never keeps a test process alive. Works for node:http and plain node:net
 * servers. dropAfter() holds a request and then drops its connection, as a remote that never answers does.
 */
import type { IncomingMessage } from "node:http";
import type { AddressInfo, Server, Socket } from "node:net";

export interface LoopbackListener extends AsyncDisposable {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Ends every open connection, runs onClose, stops listening. Safe to call more than once. */
  close(): Promise<void>;
}

export interface LoopbackOptions {
  /** Extra cleanup on close (tunnels to elsewhere the server opened), run before connections are ended. */
  onClose?: () => void;
}

export async function listenLoopback(server: Server, options: LoopbackOptions = {}): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      options.onClose?.();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    return closing;
  };
  return { url: `http://127.0.0.1:${port}`, port, close, [Symbol.asyncDispose]: close };
}

/** Holds the request and drops its connection after `ms`; the wait ends early when the connection closes first. */
export function dropAfter(req: IncomingMessage, ms: number): void {
  const timer = setTimeout(() => req.socket.destroy(), ms);
  req.socket.once("close", () => clearTimeout(timer));
}
