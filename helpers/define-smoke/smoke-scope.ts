/**
 * The state of one mode block of a smoke (`<name> [replay]`, `<name> [live]`…) or of a group inside it: its mode,
 * why it only lists its checks (the live skip note), which checks failed, and what its checks opened — system
 * sessions and shared values, each opened on first use and finished once, after the last check of the block or
 * group, under the one record/replay contract (system-session.ts). The block also keeps the smoke's settings (read
 * once) and the checks' results (block-state.ts).
 */
import { type Clock, systemClock, VirtualClock } from "../clock.ts";
import type { PollSettings } from "../databricks/poll-settings.ts";
import type { Env, RunMode } from "../gates.ts";
import { BlockResults, type Shared, type SharedContext, type SharedOptions } from "./block-state.ts";
import type { OpenedSession, SessionOpener } from "./system-session.ts";

export type SessionName = "http" | "databricks" | "kube";

export interface SettingsInput {
  mode: RunMode;
  env: Env;
  /** Replay: the poll interval and deadline the smoke's Databricks recording names (undefined elsewhere). */
  recordedPoll: PollSettings | undefined;
}

export interface ScopeSessions {
  /** Declared sessions in the order their clock is preferred. */
  openers: Partial<Record<SessionName, SessionOpener<unknown>>>;
  recordings: Partial<Record<SessionName, string>>;
  /** The smoke's settings; in replay read after the Databricks session opened, with its recorded poll. */
  settings?: ((input: SettingsInput) => unknown) | undefined;
}

/** How a shared value is made and finished (test.shared). */
export interface SharedSpec {
  ref: Shared<unknown>;
  open: (context: SharedContext<unknown>) => unknown;
  options: SharedOptions<unknown>;
}

type Opened =
  | { kind: "session"; session: OpenedSession<unknown> }
  | { kind: "shared"; spec: SharedSpec; value: unknown };

export class SmokeScope {
  readonly failed: string[] = [];
  /** The checks registered in this scope (its groups' included) and how many of them started (not under `-t`). */
  registered = 0;
  ran = 0;
  readonly results: BlockResults;
  readonly #opened = new Map<SessionName | Shared<unknown>, Promise<Opened>>();
  #settings: Promise<unknown> | undefined;
  #fallbackClock: Clock | undefined;

  constructor(
    readonly smoke: string,
    readonly mode: RunMode,
    /** Set when this block only lists the checks: each one skips (or fails under strict) with it. */
    readonly skipNote: string | undefined,
    readonly env: Env,
    readonly sessions: ScopeSessions,
    /** The shared values declared at this level (the block's top level, or this group). */
    readonly shared: ReadonlyArray<SharedSpec> = [],
    /** The enclosing block, for a group. */
    readonly parent?: SmokeScope,
  ) {
    this.results = parent?.results ?? new BlockResults();
  }

  /** This scope and its enclosing ones, innermost first. */
  *chain(): Generator<SmokeScope> {
    for (let scope: SmokeScope | undefined = this; scope; scope = scope.parent) yield scope;
  }

  #root(): SmokeScope {
    return this.parent ? this.parent.#root() : this;
  }

  async session<T>(name: SessionName): Promise<OpenedSession<T>> {
    let opened = this.#opened.get(name);
    if (!opened) {
      const opener = this.sessions.openers[name];
      if (!opener) {
        throw new Error(
          `${this.smoke} declares no ${name} session: add \`${name}\` (and its recording) to defineSmoke`,
        );
      }
      const context = {
        mode: this.mode,
        recording: this.sessions.recordings[name],
        smoke: this.smoke,
        env: this.env,
        settings: () => this.settings(),
      };
      opened = opener(context).then((session) => ({ kind: "session", session }) as const);
      this.#opened.set(name, opened);
    }
    const entry = await opened;
    return (entry as Extract<Opened, { kind: "session" }>).session as OpenedSession<T>;
  }

  /** The smoke's settings, read once per block (replay: after its Databricks session, with the recorded poll). */
  settings(): Promise<unknown> {
    const root = this.#root();
    root.#settings ??= (async () => {
      const read = root.sessions.settings;
      if (!read) return undefined;
      let recordedPoll: PollSettings | undefined;
      if (root.mode === "replay" && root.sessions.openers.databricks) {
        const session = await root.session<{ recordedPoll?: PollSettings | undefined }>("databricks");
        recordedPoll = session.value.recordedPoll;
      }
      return read({ mode: root.mode, env: root.env, recordedPoll });
    })();
    return root.#settings;
  }

  /** The value of a shared declaration, made on first use in the scope that declares it. */
  async sharedValue<T>(ref: Shared<T>): Promise<T> {
    for (const scope of this.chain()) {
      const spec = scope.shared.find((s) => s.ref === ref);
      if (!spec) continue;
      let opened = scope.#opened.get(ref);
      if (!opened) {
        const context = {
          mode: scope.mode,
          env: scope.env,
          settings: () => scope.settings(),
          shared: <V>(other: Shared<V>) => scope.sharedValue(other),
        };
        opened = Promise.resolve()
          .then(() => spec.open(context))
          .then((value) => ({ kind: "shared", spec, value }) as const);
        scope.#opened.set(ref, opened);
      }
      return ((await opened) as Extract<Opened, { kind: "shared" }>).value as T;
    }
    throw new Error(`${ref.label} is not shared in this block of ${this.smoke} (declared inside another test.group?)`);
  }

  /** The clock of the smoke's first declared session (virtual in replay), else the real one. */
  async clock(): Promise<Clock> {
    const first = (Object.keys(this.sessions.openers) as SessionName[])[0];
    if (first) return (await this.session(first)).clock;
    this.#fallbackClock ??= this.mode === "replay" ? new VirtualClock() : systemClock;
    return this.#fallbackClock;
  }

  /**
   * Finishes everything this scope opened, in order; returns the console lines about recordings written. Sessions
   * are told whether every registered check ran (a replay verifies its recording only then).
   */
  async finish(): Promise<string[]> {
    const complete = this.ran === this.registered;
    const lines: string[] = [];
    const errors: unknown[] = [];
    for (const [, opening] of this.#opened) {
      let entry: Opened;
      try {
        entry = await opening;
      } catch {
        continue; // the check that opened it already failed with this error
      }
      try {
        if (entry.kind === "shared") await entry.spec.options.finish?.(entry.value, this.failed);
        else {
          const line = await entry.session.finish(this.failed, complete);
          if (line) lines.push(line);
        }
      } catch (error) {
        errors.push(error);
        if (entry.kind === "session") await entry.session.release().catch(() => undefined);
      }
    }
    this.#opened.clear();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} parts of ${this.smoke} failed to finish`);
    return lines;
  }
}
