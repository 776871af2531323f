/**
 * Recordings derived from captured ones rather than captured: a failure the local cluster's LangFuse stand-in does
 * not produce by itself (it is a small Node server, not LangFuse) is the captured exchange with the pod's answer
 * replaced (recording-variants.ts). `npm run fixtures:k8s` writes them after capturing; fixtures-in-sync.test.ts
 * keeps each equal to its derivation.
 */
import type { Har } from "har-format";
import { fromRoot } from "../paths.ts";
import { loadHar, saveHar } from "../replay/har-file.ts";
import type { K8sRecordingMeta } from "./recording.ts";
import { withTunnelAnswer } from "./recording-variants.ts";

const TRACE_FETCH = /^\/api\/public\/traces\//;
const ROLLOUT_RESTART = { method: "PATCH", path: /\/deployments\/langfuse$/ };

function renamed(har: Har, scenario: string, description: string): Har {
  const meta = (har.log as unknown as { _smokebook: K8sRecordingMeta })._smokebook;
  (har.log as unknown as { _smokebook: K8sRecordingMeta })._smokebook = { ...meta, scenario, description };
  har.log.comment = `smokebook K8s recording "${scenario}" (derived from a captured one by helpers/k8s-replay/derived-recordings.ts)`;
  return har;
}

/** The captured trace persistence run, with LangFuse answering 503 to every fetch after its rollout restart. */
export function langfuse503AfterRestart(trace: Har): Har {
  const har = withTunnelAnswer(
    trace,
    { method: "GET", path: TRACE_FETCH, after: ROLLOUT_RESTART },
    { status: 503, statusText: "Service Unavailable", body: '{"message":"Service Unavailable"}' },
  );
  return renamed(
    har,
    "langfuse-503-after-restart",
    "fixtures/langfuse/trace.har with LangFuse answering 503 to the trace fetches after rollout restart",
  );
}

export const DERIVED_RECORDINGS: Readonly<Record<string, { from: string; derive: (har: Har) => Har }>> = {
  "fixtures/langfuse/trace-503-after-restart.har": {
    from: "fixtures/langfuse/trace.har",
    derive: langfuse503AfterRestart,
  },
};

export function deriveRecording(path: string): Har {
  const spec = DERIVED_RECORDINGS[path];
  if (!spec) throw new Error(`no derivation for ${path}`);
  return spec.derive(loadHar(fromRoot(spec.from), spec.from));
}

export function writeDerivedRecordings(): string[] {
  return Object.keys(DERIVED_RECORDINGS).map((path) => {
    saveHar(fromRoot(path), deriveRecording(path), {});
    return path;
  });
}
