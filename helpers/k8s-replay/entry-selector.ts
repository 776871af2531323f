/**
 * Picks the recorded answer for a request. A recording is a timeline: the replay keeps a cursor at the latest entry
 * it served. A request gets the first entry with its key after the cursor that was not served yet; once those are
 * used up it gets the latest one at or before the cursor again — the state "as of now". So a poll that asks more
 * often than the recording did sees the last recorded state repeat, and reads after a change see the new state.
 */

export interface Selection {
  index: number;
  /** True when this entry had been served before (a repeat of the latest state). */
  repeated: boolean;
}

export class EntrySelector {
  readonly #keys: ReadonlyArray<string>;
  readonly #served = new Set<number>();
  #cursor = -1;

  constructor(keys: ReadonlyArray<string>) {
    this.#keys = keys;
  }

  /** Indices of the entries recorded for `key`, in recording order. */
  candidates(key: string, accept: (index: number) => boolean = () => true): number[] {
    const out: number[] = [];
    this.#keys.forEach((k, i) => {
      if (k === key && accept(i)) out.push(i);
    });
    return out;
  }

  select(key: string, accept?: (index: number) => boolean): Selection | undefined {
    const candidates = this.candidates(key, accept);
    if (candidates.length === 0) return undefined;
    const next = candidates.find((i) => i > this.#cursor && !this.#served.has(i));
    const index = next ?? candidates.filter((i) => i <= this.#cursor).at(-1) ?? (candidates.at(-1) as number);
    const repeated = this.#served.has(index);
    this.#served.add(index);
    this.#cursor = Math.max(this.#cursor, index);
    return { index, repeated };
  }

  /** Recorded entries never served, for "the code did not ask for X" diagnostics. */
  unserved(): number[] {
    return this.#keys.map((_, i) => i).filter((i) => !this.#served.has(i));
  }
}
