/**
 * Failures of the LangFuse smokes. The trace smoke's failure names its stage, as the runbook's triage anchors do
 * (`stage:"credentials"` → keys missing in the Secret, `"ingest"` → auth/endpoint, `"fetch_before_restart"`,
 * `"fetch_after_restart"` → not queryable after `rollout restart deployment/langfuse`), and carries the JSON line.
 */
import { SmokebookError } from "../errors.ts";

export type TraceStage = "credentials" | "ingest" | "fetch_before_restart" | "fetch_after_restart" | "complete";

export interface UiSmokeLine {
  utc: string;
  namespace: string;
  result: "pass" | "fail";
  http_code: number;
  response_sha256: string;
  response_summary: string;
}

export interface TraceSmokeLine {
  utc: string;
  namespace: string;
  trace_id: string;
  result: "pass" | "fail";
  stage: TraceStage;
  ingest_http_code: number | null;
  fetch_before_http_code: number | null;
  fetch_after_http_code: number | null;
  detail?: string;
}

export class LangfuseUnreachableError extends SmokebookError {
  constructor(message: string) {
    super("LANGFUSE_UNREACHABLE", message);
  }
}

export class LangfuseUiSmokeError extends SmokebookError {
  readonly line: UiSmokeLine;

  constructor(line: UiSmokeLine, message: string) {
    super("LANGFUSE_UI_FAILED", message);
    this.line = line;
  }
}

export class LangfuseTraceStageError extends SmokebookError {
  readonly stage: TraceStage;
  readonly line: TraceSmokeLine;

  constructor(line: TraceSmokeLine, message: string, options?: { cause?: unknown }) {
    super("LANGFUSE_TRACE_FAILED", `stage "${line.stage}": ${message}`, options);
    this.stage = line.stage;
    this.line = line;
  }
}
