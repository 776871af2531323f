/**
 * A replay must follow its recording: every request the code makes is in it, and every recorded request is made.
 * A request the recording lacks already fails where it is made (a 400 Status naming it), unless the caller swallows
 * it (diagnostics, cleanup); a recorded request never made fails nowhere — so both are checked when a replay ends.
 * Entries only kubectl asks for (version, discovery, server-side Tables) are not expected from the checks.
 */
import { SmokebookError } from "../errors.ts";
import type { K8sReplayServer } from "./replay-server.ts";
import { isKubectlOnlyKey } from "./request-key.ts";

export interface ReplayDivergence {
  /** Recorded entries never served, as "#index KEY". */
  unused: string[];
  /** Requests the recording had no answer for, as "METHOD target". */
  unmatched: string[];
}

export class ReplayDivergedError extends SmokebookError {
  readonly recording: string;
  readonly unused: string[];
  readonly unmatched: string[];

  constructor(recording: string, divergence: ReplayDivergence) {
    const parts: string[] = [];
    if (divergence.unused.length > 0)
      parts.push(`${divergence.unused.length} recorded request(s) never made: ${divergence.unused.join(", ")}`);
    if (divergence.unmatched.length > 0)
      parts.push(`${divergence.unmatched.length} request(s) not in the recording: ${divergence.unmatched.join(", ")}`);
    super(
      "K8S_REPLAY_DIVERGED",
      `replay of ${recording} diverged from its recording: ${parts.join("; ")} — the smoke no longer makes the calls ` +
        "it was recorded with: re-record it (SMOKEBOOK_MODE=record) or regenerate it (npm run fixtures:k8s)",
    );
    this.recording = recording;
    this.unused = divergence.unused;
    this.unmatched = divergence.unmatched;
  }
}

export function replayDivergence(server: Pick<K8sReplayServer, "unused" | "unmatched">): ReplayDivergence {
  return { unused: server.unused().filter((key) => !isKubectlOnlyKey(key)), unmatched: server.unmatched() };
}

/** Throws ReplayDivergedError when the replay left a recorded request unused or made one the recording lacks. */
export function assertReplayFollowed(server: Pick<K8sReplayServer, "unused" | "unmatched" | "recording">): void {
  const divergence = replayDivergence(server);
  if (divergence.unused.length > 0 || divergence.unmatched.length > 0)
    throw new ReplayDivergedError(server.recording.source, divergence);
}
