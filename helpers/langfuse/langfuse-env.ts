/**
 * Environment of the LangFuse smokes (seed 001 "Staging LangFuse UI smoke", "trace persistence smoke"), read in one
 * place. Names and defaults are the runbook's.
 *   LANGFUSE_NAMESPACE                  namespace of deployment/langfuse and service/langfuse-internal (default "default")
 *   LANGFUSE_SECRET_NAME                Secret holding langfuse-public-key / langfuse-secret-key (default "langfuse-secrets")
 *   LANGFUSE_SMOKE_ARTIFACT_FILE        when set, the UI smoke's JSON line is appended to this file
 *   LANGFUSE_TRACE_SMOKE_ARTIFACT_FILE  when set, the trace smoke's JSON line is appended to this file
 *   LANGFUSE_FETCH_TIMEOUT_SECONDS      how long a trace may take to become readable, before and after the restart (120)
 * The rollout wait uses K8S_WAIT_TIMEOUT_SECONDS (helpers/k8s-cluster/cluster-env.ts).
 */
import { envText } from "../env-text.ts";
import type { Env } from "../gates.ts";
import { readPositiveSeconds } from "../k8s-cluster/cluster-env.ts";

/** The runbook's object names (DEV-043: "langfuse deployment + langfuse-internal ClusterIP"). */
export const LANGFUSE_DEPLOYMENT = "langfuse";
export const LANGFUSE_SERVICE = "langfuse-internal";
export const PUBLIC_KEY_KEY = "langfuse-public-key";
export const SECRET_KEY_KEY = "langfuse-secret-key";

export interface LangfuseEnv {
  namespace: string;
  secretName: string;
  uiArtifactFile: string | undefined;
  traceArtifactFile: string | undefined;
  fetchTimeoutMs: number;
}

export function readLangfuseEnv(env: Env = process.env): LangfuseEnv {
  return {
    namespace: envText(env, "LANGFUSE_NAMESPACE") ?? "default",
    secretName: envText(env, "LANGFUSE_SECRET_NAME") ?? "langfuse-secrets",
    uiArtifactFile: envText(env, "LANGFUSE_SMOKE_ARTIFACT_FILE"),
    traceArtifactFile: envText(env, "LANGFUSE_TRACE_SMOKE_ARTIFACT_FILE"),
    fetchTimeoutMs: readPositiveSeconds(env, "LANGFUSE_FETCH_TIMEOUT_SECONDS", 120) * 1000,
  };
}
