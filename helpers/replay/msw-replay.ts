/**
 * In-process replay: MSW intercepts node:http, fetch and XHR in this process and answers every request from a
 * HAR recording through a ReplayLedger (in recording order, by method + path + query, and by JSON body where one
 * was recorded). A request the recording lacks is answered with a 400 naming it; `assertComplete()` then also
 * reports recorded requests never made.
 * One interception (replay or recorder) can be active per process at a time.
 */
import { isAbsolute, relative } from "node:path";
import type { Har } from "har-format";
import { http } from "msw";
import { setupServer } from "msw/node";
import { SmokebookError } from "../errors.ts";
import { fromProject, projectRoot } from "../paths.ts";
import { loadHar } from "./har-file.ts";
import { type LedgerOptions, type ObservedRequest, ReplayLedger } from "./replay-ledger.ts";

export interface HarReplay extends Disposable {
  readonly source: string;
  readonly har: Har;
  readonly ledger: ReplayLedger;
  readonly observed: ReadonlyArray<ObservedRequest>;
  /** Throws ReplayMismatchError when a request was not recorded or a recorded request was never made. */
  assertComplete(): void;
  /** Stops intercepting. Safe to call twice. */
  close(): void;
}

export interface ReplayOptions extends LedgerOptions {
  /** How the recording is named in messages (default: its path from the repository root). */
  source?: string;
}

/**
 * Where replayed clients should aim: loopback, port 4 (privileged, so nothing user-level listens; not on the
 * fetch "bad ports" list, which rejects e.g. port 9). Anything MSW did not intercept fails fast and locally.
 */
export const REPLAY_ORIGIN = "http://127.0.0.1:4";

let active: string | undefined;

/** Claims the process-wide interception slot; throws naming the holder when it is taken. */
export function claimInterception(holder: string): () => void {
  if (active !== undefined) {
    throw new SmokebookError(
      "REPLAY_BUSY",
      `cannot start ${holder}: ${active} is still intercepting HTTP in this process`,
    );
  }
  active = holder;
  return () => {
    if (active === holder) active = undefined;
  };
}

export function recordingPath(path: string): { absolute: string; shown: string } {
  const absolute = isAbsolute(path) ? path : fromProject(path);
  const shown = relative(projectRoot(), absolute);
  return { absolute, shown: shown.startsWith("..") ? absolute : shown };
}

async function bodyOf(request: Request): Promise<string | undefined> {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  const text = await request.clone().text();
  return text === "" ? undefined : text;
}

/** Starts replaying `recording` (a path from the repository root, an absolute path, or a HAR object). */
export function startReplay(recording: string | Har, options: ReplayOptions = {}): HarReplay {
  let har: Har;
  let source: string;
  if (typeof recording === "string") {
    const { absolute, shown } = recordingPath(recording);
    source = options.source ?? shown;
    har = loadHar(absolute, source);
  } else {
    har = recording;
    source = options.source ?? "(in-memory HAR)";
  }
  const ledger = new ReplayLedger(har, source, options);
  const release = claimInterception(`replay of ${source}`);
  const server = setupServer(
    http.all("*", async ({ request }) => {
      return ledger.respond(request.method, request.url, await bodyOf(request));
    }),
  );
  server.listen({ onUnhandledFrame: "error" });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    server.close();
    release();
  };
  return {
    source,
    har,
    ledger,
    get observed() {
      return ledger.observed;
    },
    assertComplete: () => ledger.assertComplete(),
    close,
    [Symbol.dispose]: close,
  };
}
