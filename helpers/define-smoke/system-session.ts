/**
 * The one record/replay contract every system session (`http`, `databricks`, `kube`) keeps under defineSmoke:
 *   replay  the recording is served on a virtual clock; `finish` fails when a request was not recorded or a
 *           recorded one was never made (so unused or unexpected requests fail the file)
 *   record  live traffic is captured; `finish` writes the recording only when no check of the file failed, else
 *           `<name>.failed.har` beside it, and says which
 *   live    the real system on the real clock; `finish` only releases
 * A session is opened on first use by a check and finished once, after the last check of its mode's block.
 */
import type { Clock } from "../clock.ts";
import type { Env, RunMode } from "../gates.ts";

export interface OpenedSession<T> {
  readonly value: T;
  readonly clock: Clock;
  /**
   * Ends the session; returns a line for the console about a recording written, if any. `complete` is false when
   * not every check of the block ran (`-t`, a bail): a replay then does not fail on recorded requests left unused.
   */
  finish(failedChecks: ReadonlyArray<string>, complete?: boolean): Promise<string | undefined>;
  /** Releases without verifying, for cleanup after the session's own failure. */
  release(): Promise<void>;
}

export interface SessionContext {
  mode: RunMode;
  /** The recording this session replays or writes (a path from the project root), when the smoke declares one. */
  recording: string | undefined;
  /** The smoke's name, kept in a recording's comment. */
  smoke: string;
  env: Env;
  /** The smoke's settings (defineSmoke `settings`), read once per block; a session opened in record mode may need them. */
  settings?: () => Promise<unknown>;
}

export type SessionOpener<T> = (context: SessionContext) => Promise<OpenedSession<T>>;
