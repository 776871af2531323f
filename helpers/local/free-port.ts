/** Port helpers for starting a local process on the contract port when it is free, else on a free one. */
import { createServer } from "node:net";
import { listenLoopback } from "../net/loopback-http.ts";

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that was free a moment ago (the OS chose it). */
export async function freePort(): Promise<number> {
  const listener = await listenLoopback(createServer());
  await listener.close();
  return listener.port;
}
