/**
 * One classification for every remote call (Databricks, Kubernetes, HTTP probes):
 * Permanent — 400, 401, 403, 404 and other client errors, a missing resource; retrying will not help.
 * Transient — 408, 429, 5xx, timeouts, connection resets; retried within the caller's deadline.
 */
import { SmokebookError } from "./errors.ts";

export type FailureKind = "Permanent" | "Transient";

export interface RemoteErrorDetails {
  operation: string;
  status?: number | undefined;
  apiErrorCode?: string | undefined;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class RemoteError extends SmokebookError {
  readonly kind: FailureKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly apiErrorCode: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(kind: FailureKind, message: string, details: RemoteErrorDetails) {
    super(kind === "Permanent" ? "REMOTE_PERMANENT" : "REMOTE_TRANSIENT", message, { cause: details.cause });
    this.kind = kind;
    this.operation = details.operation;
    this.status = details.status;
    this.apiErrorCode = details.apiErrorCode;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export class PermanentRemoteError extends RemoteError {
  constructor(message: string, details: RemoteErrorDetails) {
    super("Permanent", message, details);
  }
}

export class TransientRemoteError extends RemoteError {
  constructor(message: string, details: RemoteErrorDetails) {
    super("Transient", message, details);
  }
}

const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Error codes APIs use for "this thing does not exist" regardless of the HTTP status they travel with. */
const MISSING_RESOURCE_CODES = new Set([
  "RESOURCE_DOES_NOT_EXIST",
  "NOT_FOUND",
  "NotFound",
  "SECRET_NOT_FOUND",
  "SCOPE_NOT_FOUND",
]);

export function kindForStatus(status: number): FailureKind {
  if (status === 408 || status === 429 || status >= 500) return "Transient";
  return "Permanent";
}

type Loose = Record<string, unknown>;

function asRecord(value: unknown): Loose | undefined {
  return typeof value === "object" && value !== null ? (value as Loose) : undefined;
}

function numberField(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;
}

/** The HTTP status of an error from fetch, node:http wrappers, the Databricks SDK or @kubernetes/client-node. */
export function statusOf(error: unknown): number | undefined {
  const e = asRecord(error);
  if (!e) return undefined;
  const response = asRecord(e.response);
  return (
    numberField(e.status) ??
    numberField(e.statusCode) ??
    numberField(response?.status) ??
    numberField(response?.statusCode) ??
    numberField(e.code)
  );
}

function apiErrorCodeOf(error: unknown): string | undefined {
  const e = asRecord(error);
  if (!e) return undefined;
  for (const key of ["errorCode", "error_code", "apiErrorCode"]) {
    if (typeof e[key] === "string") return e[key] as string;
  }
  // @kubernetes/client-node's ApiException carries the Status object as a JSON string.
  let body = asRecord(e.body);
  if (!body && typeof e.body === "string") {
    try {
      body = asRecord(JSON.parse(e.body));
    } catch {
      body = undefined;
    }
  }
  if (typeof body?.error_code === "string") return body.error_code;
  if (typeof body?.reason === "string") return body.reason;
  return undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const e = asRecord(error);
  const candidates = [e?.headers, asRecord(e?.response)?.headers];
  for (const headers of candidates) {
    if (!headers) continue;
    if (typeof (headers as Headers).get === "function") {
      const value = (headers as Headers).get(name);
      if (value) return value;
      continue;
    }
    const record = asRecord(headers);
    if (!record) continue;
    for (const [key, value] of Object.entries(record)) {
      if (key.toLowerCase() === name && (typeof value === "string" || typeof value === "number")) return String(value);
    }
  }
  return undefined;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date relative to `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = asRecord(current);
    if (!e) return undefined;
    if (typeof e.code === "string" && TRANSIENT_NETWORK_CODES.has(e.code)) return e.code;
    if (e.name === "TimeoutError") return "ETIMEDOUT";
    current = e.cause;
  }
  return undefined;
}

/**
 * Classifies any failure of a remote call. An error that is already a RemoteError is returned as it is;
 * anything not recognisably transient is Permanent, so programming errors are never retried.
 */
export function classifyRemoteFailure(error: unknown, operation: string, now = Date.now()): RemoteError {
  if (error instanceof RemoteError) return error;
  const status = statusOf(error);
  const apiErrorCode = apiErrorCodeOf(error);
  const original = error instanceof Error ? error.message : String(error);
  const retryAfterMs = parseRetryAfter(headerOf(error, "retry-after"), now);
  if (status !== undefined) {
    const kind = apiErrorCode && MISSING_RESOURCE_CODES.has(apiErrorCode) ? "Permanent" : kindForStatus(status);
    const label = apiErrorCode ? `HTTP ${status} ${apiErrorCode}` : `HTTP ${status}`;
    const details = { operation, status, apiErrorCode, retryAfterMs, cause: error };
    const message = `${operation} failed (${kind}, ${label}): ${original}`;
    return kind === "Transient"
      ? new TransientRemoteError(message, details)
      : new PermanentRemoteError(message, details);
  }
  const network = networkCodeOf(error);
  if (network) {
    return new TransientRemoteError(`${operation} failed (Transient, ${network}): ${original}`, {
      operation,
      apiErrorCode: network,
      cause: error,
    });
  }
  if (apiErrorCode && MISSING_RESOURCE_CODES.has(apiErrorCode)) {
    return new PermanentRemoteError(`${operation} failed (Permanent, ${apiErrorCode}): ${original}`, {
      operation,
      apiErrorCode,
      cause: error,
    });
  }
  return new PermanentRemoteError(`${operation} failed (Permanent): ${original}`, { operation, cause: error });
}
