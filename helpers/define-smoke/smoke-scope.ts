/**
 * The state of one mode block of a smoke (`<name> [replay]`, `<name> [live]`…): its mode, why it only lists its
 * checks (the live skip note), which checks failed, and the system sessions its checks opened — each opened on
 * first use and finished once, after the block's last check, under the one record/replay contract
 * (system-session.ts).
 */
import { type Clock, systemClock, VirtualClock } from "../clock.ts";
import type { Env, RunMode } from "../gates.ts";
import type { OpenedSession, SessionOpener } from "./system-session.ts";

export type SessionName = "http" | "databricks" | "kube";

export interface ScopeSessions {
  /** Declared sessions in the order their clock is preferred. */
  openers: Partial<Record<SessionName, SessionOpener<unknown>>>;
  recordings: Partial<Record<SessionName, string>>;
}

export class SmokeScope {
  readonly failed: string[] = [];
  readonly #opened = new Map<SessionName, Promise<OpenedSession<unknown>>>();
  #fallbackClock: Clock | undefined;

  constructor(
    readonly smoke: string,
    readonly mode: RunMode,
    /** Set when this block only lists the checks: each one skips (or fails under strict) with it. */
    readonly skipNote: string | undefined,
    readonly env: Env,
    readonly sessions: ScopeSessions,
  ) {}

  session<T>(name: SessionName): Promise<OpenedSession<T>> {
    let opened = this.#opened.get(name);
    if (!opened) {
      const opener = this.sessions.openers[name];
      if (!opener) {
        return Promise.reject(
          new Error(`${this.smoke} declares no ${name} session: add \`${name}\` (and its recording) to defineSmoke`),
        );
      }
      opened = opener({ mode: this.mode, recording: this.sessions.recordings[name], smoke: this.smoke, env: this.env });
      this.#opened.set(name, opened);
    }
    return opened as Promise<OpenedSession<T>>;
  }

  /** The clock of the smoke's first declared session (virtual in replay), else the real one. */
  async clock(): Promise<Clock> {
    const first = (Object.keys(this.sessions.openers) as SessionName[])[0];
    if (first) return (await this.session(first)).clock;
    this.#fallbackClock ??= this.mode === "replay" ? new VirtualClock() : systemClock;
    return this.#fallbackClock;
  }

  /** Finishes every opened session; returns the console lines about recordings written. */
  async finish(): Promise<string[]> {
    const lines: string[] = [];
    const errors: unknown[] = [];
    for (const [, opening] of this.#opened) {
      let session: OpenedSession<unknown>;
      try {
        session = await opening;
      } catch {
        continue; // the check that opened it already failed with this error
      }
      try {
        const line = await session.finish(this.failed);
        if (line) lines.push(line);
      } catch (error) {
        errors.push(error);
        await session.release().catch(() => undefined);
      }
    }
    this.#opened.clear();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} sessions of ${this.smoke} failed`);
    return lines;
  }
}
