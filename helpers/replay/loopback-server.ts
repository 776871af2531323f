/**
 * A fake remote API on 127.0.0.1: a node:http server that answers from a ReplayLedger, so live-mode code paths
 * (real sockets, real auth headers) can run against a recording. It keeps the Authorization header each request
 * carried, so a test can check the credential reached the server without printing it.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReplayLedger } from "./replay-ledger.ts";
import { responseFor, unrecordedResponse } from "./replay-response.ts";

export interface LoopbackServer extends AsyncDisposable {
  /** Base URL, e.g. http://127.0.0.1:43117 */
  readonly url: string;
  /** Authorization header values seen, in order (for assertions; never print them). */
  readonly authorizations: ReadonlyArray<string | undefined>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : text;
}

export async function serveLedger(ledger: ReplayLedger): Promise<LoopbackServer> {
  const authorizations: Array<string | undefined> = [];
  const server = createServer(async (req, res) => {
    try {
      authorizations.push(req.headers.authorization);
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", "http://127.0.0.1").toString();
      const entry = ledger.take(method, url, await readBody(req));
      const observed = ledger.observed.at(-1);
      const response = entry
        ? responseFor(entry)
        : unrecordedResponse(method, observed?.target ?? url, ledger.source, ledger.nextUnused());
      res.statusCode = response.status;
      res.statusMessage = response.statusText;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, authorizations, close, [Symbol.asyncDispose]: close };
}
