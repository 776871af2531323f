/**
 * Where a record-mode run's traffic goes. A recording replaces the committed one only when every check of the
 * smoke passed: a failed live run is not a reference to replay against. Its traffic is still kept, redacted, as
 * <name>.failed.har next to the target, for review; the committed recording is left as it was.
 */
import type { Env } from "../gates.ts";
import type { HarRecorder } from "./recorder.ts";

export interface RecordingResult {
  /** The file written: the recording itself, or the .failed.har beside it. */
  path: string;
  /** False when checks failed and the recording was not replaced. */
  replaced: boolean;
  /** One line for the console and the evidence, saying what was written and why. */
  message: string;
}

/** fixtures/dev019-watchdog/pass.har → fixtures/dev019-watchdog/pass.failed.har */
export function failedRecordingPath(target: string): string {
  return /\.har$/i.test(target) ? target.replace(/\.har$/i, ".failed.har") : `${target}.failed.har`;
}

export function saveRecording(
  recorder: Pick<HarRecorder, "save">,
  target: string,
  failedChecks: ReadonlyArray<string>,
  env: Env,
): RecordingResult {
  if (failedChecks.length === 0) {
    recorder.save(target, env);
    return { path: target, replaced: true, message: `recording written (redacted): ${target}` };
  }
  const path = failedRecordingPath(target);
  recorder.save(path, env);
  const names = failedChecks.map((name) => `"${name}"`).join(", ");
  return {
    path,
    replaced: false,
    message: `recording NOT written to ${target}: ${failedChecks.length} check(s) failed (${names}); this run's traffic is saved (redacted) for review as ${path}`,
  };
}
