/**
 * Seed 001 "Staging LangFuse UI smoke (internal-only)": GET the LangFuse UI through the internal service;
 * `http_code` must be 200 or 302. The JSON line (utc, namespace, http_code, response_sha256, sanitized
 * response_summary) is returned, appended to LANGFUSE_SMOKE_ARTIFACT_FILE when set, and a failing line is thrown
 * with LangfuseUiSmokeError after it was written. Reads of the Service and its pods are retried while Transient
 * within `waitTimeoutMs` (K8S_WAIT_TIMEOUT_SECONDS).
 */
import type { Clock } from "../clock.ts";
import { DEFAULT_WAIT_TIMEOUT_SECONDS } from "../k8s-cluster/cluster-env.ts";
import type { KubeClients } from "../k8s-cluster/kube-client.ts";
import { httpThrough } from "../k8s-cluster/tunnel-http.ts";
import { appendArtifactLine } from "./artifact.ts";
import { LangfuseUiSmokeError, type UiSmokeLine } from "./errors.ts";
import type { LangfuseEnv } from "./langfuse-env.ts";
import { openLangfuseTunnel } from "./langfuse-tunnel.ts";
import { responseSummary, scrub, sha256Hex } from "./response-summary.ts";

export const UI_PASS_CODES: ReadonlyArray<number> = [200, 302];

export async function langfuseUiSmoke(
  clients: KubeClients,
  env: LangfuseEnv,
  clock: Clock,
  waitTimeoutMs = DEFAULT_WAIT_TIMEOUT_SECONDS * 1000,
): Promise<UiSmokeLine> {
  const utc = new Date(clock.now()).toISOString();
  let line: UiSmokeLine;
  try {
    await using tunnel = await openLangfuseTunnel({ clients, clock, waitTimeoutMs }, env.namespace);
    const response = await httpThrough(tunnel, { path: "/", headers: { accept: "text/html" } });
    line = {
      utc,
      namespace: env.namespace,
      result: UI_PASS_CODES.includes(response.status) ? "pass" : "fail",
      http_code: response.status,
      response_sha256: sha256Hex(response.body),
      response_summary: responseSummary(response.status, response.headers, response.body),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    line = {
      utc,
      namespace: env.namespace,
      result: "fail",
      http_code: 0,
      response_sha256: sha256Hex(Buffer.alloc(0)),
      response_summary: `unreachable: ${scrub(message)}`,
    };
  }
  appendArtifactLine(env.uiArtifactFile, line);
  if (line.result === "fail") {
    throw new LangfuseUiSmokeError(
      line,
      `LangFuse UI in ${env.namespace} answered http_code ${line.http_code}, expected 200 or 302 (${line.response_summary})`,
    );
  }
  return line;
}
