/**
 * The bookkeeping of a replay, independent of how requests arrive (MSW in-process or a loopback server):
 * each request takes the first unused recorded entry with the same method, path and query, in recording order.
 * When that entry recorded a JSON body, the request's body must match it too (volatile fields aside, see
 * body-diff.ts); a request whose body differs does not take the entry and is reported as a request the recording
 * lacks, naming the first differing field. Requests without an entry are unexpected; entries never taken are
 * unused. Both make the replay fail.
 */
import type { Entry, Har } from "har-format";
import { bodyDifference, type VolatileField } from "./body-diff.ts";
import { ReplayMismatchError } from "./errors.ts";
import { responseFor, unrecordedResponse } from "./replay-response.ts";

export interface ObservedRequest {
  method: string;
  url: string;
  /** Path plus query, as matched: "/api/2.2/jobs/runs/get?run_id=1". */
  target: string;
  body: string | undefined;
  /** Index of the recorded entry that answered, or undefined when the recording lacked it. */
  entryIndex: number | undefined;
  /** Set when an entry with this method and target exists but its recorded body differs: the first difference. */
  bodyDifference?: string | undefined;
}

export interface LedgerOptions {
  /** Match the query string too (default true). */
  matchQuery?: boolean;
  /** Body fields that may differ from the recording (per recording or smoke); default none. */
  volatile?: ReadonlyArray<VolatileField>;
}

function canonicalTarget(url: string, matchQuery: boolean): string {
  const parsed = new URL(url);
  if (!matchQuery) return parsed.pathname;
  const pairs = [...parsed.searchParams.entries()].sort(([a, av], [b, bv]) =>
    a === b ? av.localeCompare(bv) : a.localeCompare(b),
  );
  const query = new URLSearchParams(pairs).toString();
  return query ? `${parsed.pathname}?${query}` : parsed.pathname;
}

/** "POST /api/2.2/jobs/runs/submit", plus the body difference when there is one. */
export function describeObserved(o: ObservedRequest): string {
  return `${o.method} ${targetWithDifference(o)}`;
}

function targetWithDifference(o: ObservedRequest): string {
  return o.bodyDifference ? `${o.target} (body differs from recorded ${o.bodyDifference})` : o.target;
}

export class ReplayLedger {
  readonly source: string;
  readonly entries: ReadonlyArray<Entry>;
  readonly #keys: string[];
  readonly #used: boolean[];
  readonly #observed: ObservedRequest[] = [];
  readonly #matchQuery: boolean;
  readonly #volatile: ReadonlyArray<VolatileField>;

  constructor(har: Har, source: string, options: LedgerOptions = {}) {
    this.source = source;
    this.entries = har.log.entries;
    this.#matchQuery = options.matchQuery ?? true;
    this.#volatile = options.volatile ?? [];
    this.#keys = this.entries.map(
      (e) => `${e.request.method.toUpperCase()} ${canonicalTarget(e.request.url, this.#matchQuery)}`,
    );
    this.#used = this.entries.map(() => false);
  }

  /** Takes the next unused entry for this request, recording the request either way. */
  take(method: string, url: string, body?: string): Entry | undefined {
    const target = canonicalTarget(url, this.#matchQuery);
    const key = `${method.toUpperCase()} ${target}`;
    const candidate = this.#keys.findIndex((k, i) => !this.#used[i] && k === key);
    const recordedBody = candidate >= 0 ? this.entries[candidate]?.request.postData?.text : undefined;
    const difference = candidate >= 0 ? bodyDifference(body, recordedBody, this.#volatile) : undefined;
    const index = difference === undefined ? candidate : -1;
    if (index >= 0) this.#used[index] = true;
    this.#observed.push({
      method: method.toUpperCase(),
      url,
      target,
      body,
      entryIndex: index >= 0 ? index : undefined,
      ...(difference !== undefined ? { bodyDifference: `entry #${candidate} ${difference}` } : {}),
    });
    return index >= 0 ? this.entries[index] : undefined;
  }

  /** Takes the entry for this request and answers it, or answers the 400 naming what the recording lacks. */
  respond(method: string, url: string, body?: string): Response {
    const entry = this.take(method, url, body);
    if (entry) return responseFor(entry);
    const observed = this.#observed.at(-1);
    return unrecordedResponse(
      method.toUpperCase(),
      observed ? targetWithDifference(observed) : url,
      this.source,
      this.nextUnused(),
    );
  }

  get observed(): ReadonlyArray<ObservedRequest> {
    return this.#observed;
  }

  unexpected(): string[] {
    return this.#observed.filter((o) => o.entryIndex === undefined).map(describeObserved);
  }

  unused(): string[] {
    return this.#keys.filter((_, i) => !this.#used[i]).map((k) => k);
  }

  /** What the next requests are expected to be, for error messages. */
  nextUnused(limit = 3): string[] {
    return this.unused().slice(0, limit);
  }

  mismatch(): ReplayMismatchError | undefined {
    const unexpected = this.unexpected();
    const unused = this.unused();
    return unexpected.length > 0 || unused.length > 0
      ? new ReplayMismatchError(this.source, unexpected, unused)
      : undefined;
  }

  /** Throws ReplayMismatchError when a request was not recorded or a recorded one was never made. */
  assertComplete(): void {
    const mismatch = this.mismatch();
    if (mismatch) throw mismatch;
  }
}
