/**
 * Errors of the Azure smokes. A remote failure is classified once, as for Databricks and Kubernetes
 * (helpers/remote-errors.ts): Permanent for 400/401/403/404 and the ARM "not found" codes, Transient for 408, 429
 * (with its Retry-After), 5xx and connection failures. Every message names the resource and the cause.
 */
import { SmokebookError } from "../errors.ts";
import {
  classifyRemoteFailure,
  type FailureKind,
  kindForStatus,
  parseRetryAfter,
  RemoteError,
  type RemoteErrorDetails,
} from "../remote-errors.ts";

/** ARM and data-plane error codes that mean "this does not exist", whatever status carries them. */
const NOT_FOUND_CODES = new Set(["ResourceNotFound", "ResourceGroupNotFound", "ParentResourceNotFound", "NotFound"]);

export class AzureRemoteError extends RemoteError {
  /** The resource the call was about, as messages name it: "private DNS zone privatelink.openai.azure.com". */
  readonly resource: string;

  constructor(kind: FailureKind, message: string, resource: string, details: RemoteErrorDetails) {
    super(kind, message, details);
    this.resource = resource;
  }

  /** True when the resource does not exist (404 or an ARM not-found code). */
  get notFound(): boolean {
    return this.status === 404 || (this.apiErrorCode !== undefined && NOT_FOUND_CODES.has(this.apiErrorCode));
  }
}

/** What an Azure error response says: `{"error":{"code":"…","message":"…"}}` (ARM, Logs Ingestion, Log Analytics). */
export function azureErrorBody(text: string | undefined): { code?: string; message?: string } {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const error = parsed.error ?? {};
    return {
      ...(typeof error.code === "string" ? { code: error.code } : {}),
      ...(typeof error.message === "string" ? { message: error.message } : {}),
    };
  } catch {
    return {};
  }
}

export interface HttpFailure {
  status: number;
  bodyText?: string | undefined;
  retryAfter?: string | undefined;
}

/** An Azure HTTP error response as a classified error naming `operation` (which says what and on which resource). */
export function azureHttpFailure(
  failure: HttpFailure,
  operation: string,
  resource: string,
  now = Date.now(),
  cause?: unknown,
): AzureRemoteError {
  const body = azureErrorBody(failure.bodyText);
  const kind = body.code && NOT_FOUND_CODES.has(body.code) ? "Permanent" : kindForStatus(failure.status);
  const label = body.code ? `HTTP ${failure.status} ${body.code}` : `HTTP ${failure.status}`;
  const said = body.message ?? (failure.bodyText?.slice(0, 200) || "(no error body)");
  const retryAfterMs = parseRetryAfter(failure.retryAfter, now);
  const wait = retryAfterMs !== undefined ? `; Retry-After ${Math.round(retryAfterMs / 1000)}s` : "";
  return new AzureRemoteError(kind, `${operation} failed (${kind}, ${label}${wait}): ${said}`, resource, {
    operation,
    status: failure.status,
    apiErrorCode: body.code,
    retryAfterMs,
    cause,
  });
}

type Loose = Record<string, unknown>;

/** A failure thrown by an Azure SDK client (RestError: statusCode, code, response) or the network, classified. */
export function classifyAzureFailure(
  error: unknown,
  operation: string,
  resource: string,
  now = Date.now(),
): RemoteError {
  if (error instanceof RemoteError) return error;
  const e = (error ?? {}) as Loose;
  const response = (e.response ?? {}) as Loose;
  const status =
    typeof e.statusCode === "number" ? e.statusCode : typeof response.status === "number" ? response.status : undefined;
  if (status === undefined) return classifyRemoteFailure(error, operation, now);
  const headers = response.headers as { get?: (name: string) => string | undefined } | undefined;
  const bodyText = typeof response.bodyAsText === "string" ? response.bodyAsText : undefined;
  const fallback = bodyText ?? JSON.stringify({ error: { code: e.code, message: e.message } });
  return azureHttpFailure(
    { status, bodyText: fallback, retryAfter: headers?.get?.("retry-after") },
    operation,
    resource,
    now,
    error,
  );
}

export type AzureCheckCode =
  | "AZURE_RESOURCE_MISSING"
  | "AZURE_RESOURCE_NOT_READY"
  | "AZURE_PRIVATE_DNS"
  | "AZURE_PRIVATE_ENDPOINT"
  | "AZURE_KEY_VAULT_SECRETS"
  | "AZURE_REQUIRED_CHECKS_FAILED"
  | "AZURE_RESPONSE_SHAPE"
  | "LANGFUSE_OBJECTS"
  | "EVENT_DUPLICATE"
  | "EVENT_NOT_SENT"
  | "EVENT_NOT_QUERYABLE"
  | "ALERT_NOT_FIRED"
  | "ALERT_FIRED_TWICE"
  | "PRIVATE_PATH"
  | "ROLLBACK";

/** A criterion that failed: names the criterion, the resource(s) and the cause (a FAIL: line per resource). */
export class AzureCheckError extends SmokebookError {
  readonly criterion: string;
  readonly resources: ReadonlyArray<string>;

  constructor(code: AzureCheckCode, criterion: string, problems: ReadonlyArray<string>, options?: { cause?: unknown }) {
    super(code, `${criterion}: ${problems.join("; ")}`, options);
    this.criterion = criterion;
    this.resources = problems;
  }
}

/** A response without a field the API promises (an ARM resource without `properties`, a query without `tables`). */
export class AzureShapeError extends SmokebookError {
  readonly resource: string;

  constructor(resource: string, field: string, problem: string) {
    super("AZURE_RESPONSE_SHAPE", `${resource}: response field ${field} ${problem}`);
    this.resource = resource;
  }
}

/** A check that depends on an earlier step (a session, a send) which did not produce its result. */
export class AzurePrerequisiteError extends SmokebookError {
  constructor(message: string) {
    super("PREREQUISITE_MISSING", message);
  }
}

/** `value`, or an AzurePrerequisiteError saying what is missing. */
export function needed<T>(value: T | undefined, missing: string): T {
  if (value === undefined) throw new AzurePrerequisiteError(missing);
  return value;
}
