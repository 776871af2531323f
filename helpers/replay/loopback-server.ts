/**
 * A fake remote API on 127.0.0.1: a node:http server that answers from a ReplayLedger, so live-mode code paths
 * (real sockets, real auth headers) can run against a recording. It keeps the Authorization header each request
 * carried, so a test can check the credential reached the server without printing it.
 */
import { createServer } from "node:http";
import { readRequestBody, writeResponse } from "../net/http-io.ts";
import { listenLoopback } from "../net/loopback-http.ts";
import type { ReplayLedger } from "./replay-ledger.ts";

export interface LoopbackServer extends AsyncDisposable {
  /** Base URL, e.g. http://127.0.0.1:43117 */
  readonly url: string;
  /** Authorization header values seen, in order (for assertions; never print them). */
  readonly authorizations: ReadonlyArray<string | undefined>;
  close(): Promise<void>;
}

export async function serveLedger(ledger: ReplayLedger): Promise<LoopbackServer> {
  const authorizations: Array<string | undefined> = [];
  const server = createServer(async (req, res) => {
    try {
      authorizations.push(req.headers.authorization);
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", "http://127.0.0.1").toString();
      const body = (await readRequestBody(req)).toString("utf8");
      await writeResponse(res, ledger.respond(method, url, body === "" ? undefined : body));
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  const listener = await listenLoopback(server);
  return { url: listener.url, authorizations, close: listener.close, [Symbol.asyncDispose]: listener.close };
}
