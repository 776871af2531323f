/**
 * Time and identity for authored recordings: a clock that moves forward as entries are added, and deterministic
 * uids / resourceVersions, so regenerating a recording gives the same bytes.
 */
import { createHash } from "node:crypto";

export class Timeline {
  #now: number;
  #resourceVersion: number;

  constructor(start: string, firstResourceVersion = 481_200) {
    this.#now = Date.parse(start);
    this.#resourceVersion = firstResourceVersion;
  }

  get now(): Date {
    return new Date(this.#now);
  }

  iso(offsetMs = 0): string {
    return new Date(this.#now + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  /** The next resourceVersion, as the API server hands them out (a string of digits). */
  nextResourceVersion(): string {
    this.#resourceVersion += 7;
    return String(this.#resourceVersion);
  }
}

/** A stable RFC 4122-shaped uid derived from a name. */
export function uidFor(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable hex digest, e.g. for container ids and image digests. */
export function digestFor(name: string, length = 64): string {
  return createHash("sha256").update(name).digest("hex").slice(0, length);
}
