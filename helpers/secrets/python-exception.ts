/**
 * Classifies the exception a GET_SECRET_CALLABLE raised, as Permanent or Transient, in this order:
 *   1. what the exception says about itself: a `kind`/`classification` attribute, or a class in its MRO whose name
 *      contains Permanent or Transient (PermanentSecretError, TransientError…);
 *   2. an HTTP status (status_code, status, http_status, response.status_code) or a Databricks error_code;
 *   3. well-known exception types: timeouts and connection failures → Transient; databricks-sdk NotFound,
 *      ResourceDoesNotExist, PermissionDenied, BadRequest, KeyError… → Permanent; TooManyRequests,
 *      InternalError, TemporarilyUnavailable, DeadlineExceeded → Transient;
 *   4. the same for its __cause__ / __context__; otherwise Permanent (never retry what is not understood).
 */
import {
  classifyRemoteFailure,
  PermanentRemoteError,
  type RemoteError,
  TransientRemoteError,
} from "../remote-errors.ts";
import type { PythonException } from "./python-callable.ts";

type Kind = "Permanent" | "Transient";

const TRANSIENT_TYPES = new Set([
  "TimeoutError",
  "timeout",
  "ReadTimeout",
  "ConnectTimeout",
  "Timeout",
  "ReadTimeoutError",
  "ConnectTimeoutError",
  "ConnectionError",
  "ConnectionResetError",
  "ConnectionAbortedError",
  "ConnectionRefusedError",
  "BrokenPipeError",
  "RemoteDisconnected",
  "IncompleteRead",
  "ProtocolError",
  "TooManyRequests",
  "ResourceExhausted",
  "InternalError",
  "TemporarilyUnavailable",
  "ServiceUnavailable",
  "DeadlineExceeded",
  "RequestLimitExceeded",
]);

const PERMANENT_TYPES = new Set([
  "NotFound",
  "ResourceDoesNotExist",
  "PermissionDenied",
  "Unauthenticated",
  "BadRequest",
  "InvalidParameterValue",
  "KeyError",
  "LookupError",
  "ValueError",
]);

/** Databricks error codes that mean "try again later" when no HTTP status came with them. */
const TRANSIENT_CODES = new Set([
  "REQUEST_LIMIT_EXCEEDED",
  "TOO_MANY_REQUESTS",
  "TEMPORARILY_UNAVAILABLE",
  "INTERNAL_ERROR",
  "DEADLINE_EXCEEDED",
  "SERVICE_UNAVAILABLE",
]);

function declaredKind(e: PythonException): Kind | undefined {
  for (const name of ["kind", "classification"]) {
    const value = e.attributes[name];
    if (typeof value === "string" && /^permanent$/i.test(value)) return "Permanent";
    if (typeof value === "string" && /^transient$/i.test(value)) return "Transient";
  }
  for (const cls of e.mro) {
    if (/permanent/i.test(cls)) return "Permanent";
    if (/transient/i.test(cls)) return "Transient";
  }
  return undefined;
}

function statusOf(e: PythonException): number | undefined {
  for (const name of ["status_code", "http_status", "response_status", "status"]) {
    const value = e.attributes[name];
    if (typeof value === "number" && value >= 100 && value <= 599) return value;
  }
  return undefined;
}

function errorCodeOf(e: PythonException): string | undefined {
  const value = e.attributes.error_code;
  return typeof value === "string" && value !== "" ? value : undefined;
}

function typeKind(e: PythonException): Kind | undefined {
  if (e.mro.some((cls) => TRANSIENT_TYPES.has(cls))) return "Transient";
  if (e.mro.some((cls) => PERMANENT_TYPES.has(cls))) return "Permanent";
  return undefined;
}

function describe(e: PythonException): string {
  return `${e.module && e.module !== "builtins" ? `${e.module}.` : ""}${e.type}: ${e.message}`;
}

interface Finding {
  kind: Kind;
  how: string;
  status?: number | undefined;
  apiErrorCode?: string | undefined;
}

function find(e: PythonException): Finding | undefined {
  const declared = declaredKind(e);
  if (declared)
    return { kind: declared, how: "declared by the exception", status: statusOf(e), apiErrorCode: errorCodeOf(e) };
  const status = statusOf(e);
  const apiErrorCode = errorCodeOf(e);
  if (status !== undefined) {
    const kind = classifyRemoteFailure({ status, errorCode: apiErrorCode }, "probe").kind;
    return { kind, how: `HTTP ${status}${apiErrorCode ? ` ${apiErrorCode}` : ""}`, status, apiErrorCode };
  }
  if (apiErrorCode !== undefined) {
    const kind = TRANSIENT_CODES.has(apiErrorCode) ? "Transient" : "Permanent";
    return { kind, how: `error_code ${apiErrorCode}`, apiErrorCode };
  }
  const byType = typeKind(e);
  return byType ? { kind: byType, how: `exception type ${e.type}` } : undefined;
}

export function classifyPythonException(exception: PythonException, operation: string): RemoteError {
  let current: PythonException | undefined = exception;
  let finding: Finding | undefined;
  for (let depth = 0; current && !finding && depth < 5; depth++) {
    finding = find(current);
    current = current.cause;
  }
  const kind = finding?.kind ?? "Permanent";
  const how = finding?.how ?? "unrecognised exception";
  const message = `${operation} failed (${kind}, ${how}): ${describe(exception)}`;
  const details = { operation, status: finding?.status, apiErrorCode: finding?.apiErrorCode, cause: exception };
  return kind === "Transient" ? new TransientRemoteError(message, details) : new PermanentRemoteError(message, details);
}
