/**
 * Recorded error responses of GET /api/2.0/secrets/get (fixtures/secret-resolution/error-responses.har), one HAR
 * entry per case with `_smokebook_case: {name, expected}`. An entry with status 0 and `_error` is a request that
 * got no answer (a timeout). serveErrorCase() answers every request with one case — repeatedly, so resolvers that
 * retry see the same failure — or, for a timeout, holds the request and then drops the connection.
 */
import { createServer } from "node:http";
import type { Entry } from "har-format";
import { writeResponse } from "../net/http-io.ts";
import { dropAfter, listenLoopback } from "../net/loopback-http.ts";
import { HarFormatError, loadHar, responseFor } from "../replay/index.ts";

export interface ErrorCase {
  name: string;
  expected: "Permanent" | "Transient";
  entry: Entry;
  /** True for a request that got no answer (status 0). */
  noAnswer: boolean;
}

export function loadErrorCases(path: string, shownAs = path): ErrorCase[] {
  const har = loadHar(path, shownAs);
  return har.log.entries.map((entry, i) => {
    const meta = (entry as Entry & { _smokebook_case?: { name?: unknown; expected?: unknown } })._smokebook_case;
    const at = `log.entries[${i}]._smokebook_case`;
    if (!meta || typeof meta.name !== "string") throw new HarFormatError(shownAs, "missing case name", `${at}.name`);
    if (meta.expected !== "Permanent" && meta.expected !== "Transient") {
      throw new HarFormatError(
        shownAs,
        `expected "Permanent" or "Transient", got ${JSON.stringify(meta.expected)}`,
        `${at}.expected`,
      );
    }
    return { name: meta.name, expected: meta.expected, entry, noAnswer: entry.response.status === 0 };
  });
}

export interface CaseServer extends AsyncDisposable {
  readonly url: string;
  readonly requests: number;
  close(): Promise<void>;
}

export async function serveErrorCase(errorCase: ErrorCase, options: { stallMs?: number } = {}): Promise<CaseServer> {
  const stallMs = options.stallMs ?? 1_000;
  let requests = 0;
  const server = createServer(async (req, res) => {
    requests++;
    req.resume();
    if (errorCase.noAnswer) {
      dropAfter(req, stallMs);
      return;
    }
    await writeResponse(res, responseFor(errorCase.entry));
  });
  const listener = await listenLoopback(server);
  return {
    url: listener.url,
    get requests() {
      return requests;
    },
    close: listener.close,
    [Symbol.asyncDispose]: listener.close,
  };
}
