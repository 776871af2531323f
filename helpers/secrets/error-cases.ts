/**
 * Recorded error responses of GET /api/2.0/secrets/get (fixtures/secret-resolution/error-responses.har), one HAR
 * entry per case with `_smokebook_case: {name, expected, no_answer?}`. An entry with status 0 got no answer:
 *   no_answer "drop"   the connection is reset at once (a connection drop; costs no waiting)
 *   no_answer "stall"  the request is held until the resolver gives up (a timeout); the hold ends when the case
 *                      server closes, so it costs only the resolver's own time limit
 * serveErrorCase() answers every request with one case — repeatedly, so resolvers that retry see the same failure —
 * and counts the requests it got: a case the resolver never asked about proves nothing.
 */
import { createServer } from "node:http";
import type { Entry } from "har-format";
import { writeResponse } from "../net/http-io.ts";
import { dropAfter, listenLoopback } from "../net/loopback-http.ts";
import { HarFormatError, loadHar, responseFor } from "../replay/index.ts";

export type NoAnswer = "drop" | "stall";

export interface ErrorCase {
  name: string;
  expected: "Permanent" | "Transient";
  entry: Entry;
  /** How a request that got no answer (status 0) failed; undefined for a recorded response. */
  noAnswer: NoAnswer | undefined;
}

type CaseMeta = { name?: unknown; expected?: unknown; no_answer?: unknown };

export function loadErrorCases(path: string, shownAs = path): ErrorCase[] {
  const har = loadHar(path, shownAs);
  return har.log.entries.map((entry, i) => {
    const meta = (entry as Entry & { _smokebook_case?: CaseMeta })._smokebook_case;
    const at = `log.entries[${i}]._smokebook_case`;
    if (!meta || typeof meta.name !== "string") throw new HarFormatError(shownAs, "missing case name", `${at}.name`);
    if (meta.expected !== "Permanent" && meta.expected !== "Transient") {
      throw new HarFormatError(
        shownAs,
        `expected "Permanent" or "Transient", got ${JSON.stringify(meta.expected)}`,
        `${at}.expected`,
      );
    }
    if (entry.response.status === 0 && meta.no_answer !== "drop" && meta.no_answer !== "stall") {
      throw new HarFormatError(
        shownAs,
        `a case without an answer (status 0) needs "drop" or "stall", got ${JSON.stringify(meta.no_answer)}`,
        `${at}.no_answer`,
      );
    }
    const noAnswer = entry.response.status === 0 ? (meta.no_answer as NoAnswer) : undefined;
    return { name: meta.name, expected: meta.expected, entry, noAnswer };
  });
}

export interface CaseServer extends AsyncDisposable {
  readonly url: string;
  /** Requests the server got so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/** A stalled request is held at most this long (the case server closes, and drops it, long before). */
const STALL_CEILING_MS = 120_000;

export async function serveErrorCase(errorCase: ErrorCase): Promise<CaseServer> {
  let requests = 0;
  const server = createServer(async (req, res) => {
    requests++;
    req.resume();
    if (errorCase.noAnswer === "drop") {
      req.socket.destroy();
      return;
    }
    if (errorCase.noAnswer === "stall") {
      dropAfter(req, STALL_CEILING_MS);
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
