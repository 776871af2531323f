/**
 * The SDK's ApiClient retries 429 (and bodies matching a few strings) itself, sleeping 1–10 s of real time with
 * setTimeout for up to retryTimeoutSeconds, ignoring Retry-After, and then throws a TimeoutError without the
 * status. Smokebook retries with helpers/retry.ts on its own clock instead, so replays never sleep; this transport
 * makes exactly one attempt per call and throws DatabricksHttpError (an SDK ApiError that also carries the HTTP
 * status and response headers, so classifyRemoteFailure sees status, error_code and Retry-After).
 * It mirrors ApiClient.request in @databricks/sdk-experimental 0.17 (same URL, query, auth and body handling), and
 * registers the credentials auth resolved (profile token, OAuth access token) for redaction.
 */
import { type ApiClient, ApiError, fetch, ReadableStream } from "@databricks/sdk-experimental";
import { SmokebookError } from "../errors.ts";
import { registerResolvedCredentials } from "./resolved-credentials.ts";

type RequestOptions = Parameters<ApiClient["request"]>[0];

export class DatabricksHttpError extends ApiError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;

  constructor(method: string, path: string, status: number, statusText: string, body: string, headers: Headers) {
    const parsed = parseErrorBody(body);
    const errorCode = parsed.errorCode ?? (statusText || "UNKNOWN");
    super(`HTTP ${status} from ${method} ${path}: ${parsed.message ?? statusText}`, errorCode, status, body, []);
    this.name = "DatabricksHttpError";
    this.status = status;
    this.method = method;
    this.path = path;
    this.headers = Object.fromEntries(headers.entries());
  }
}

/** error_code and message of a Databricks JSON error; for HTML or text bodies, a one-line summary. */
export function parseErrorBody(body: string): { errorCode?: string; message?: string } {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const errorCode = typeof json.error_code === "string" ? json.error_code : undefined;
    const message =
      typeof json.message === "string" ? json.message : typeof json.detail === "string" ? json.detail : undefined;
    return { ...(errorCode ? { errorCode } : {}), ...(message ? { message } : {}) };
  } catch {
    const title = body.match(/<title>([^<]*)<\/title>/i)?.[1]?.trim();
    const text = (title ?? body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
    if (text === "") return {};
    const short = text.length > 160 ? `${text.slice(0, 159)}…` : text;
    return { message: /<html|<!doctype/i.test(body) ? `HTML error page: ${short}` : short };
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK.has(hostname);
}

/** Refuses to send credentials over plain http to anything but loopback, whichever auth source chose the host. */
export function assertSafeOrigin(url: URL): void {
  if (url.protocol === "http:" && !isLoopbackHostname(url.hostname)) {
    throw new SmokebookError(
      "INSECURE_HOST",
      `refusing to send Databricks credentials over plain http to ${url.origin}; use https`,
    );
  }
}

export function singleAttemptRequest(api: ApiClient): ApiClient["request"] {
  return async (options: RequestOptions) => {
    const { path, method, query = {}, headers, responseHeaders = [], payload, raw = false } = options;
    headers.set("User-Agent", api.userAgent());
    await api.config.authenticate(headers);
    registerResolvedCredentials(api.config, headers);
    const url = new URL((await api.host).toString());
    assertSafeOrigin(url);
    url.pathname = path;
    if (query && Object.keys(query).length > 0) url.search = api.searchParams(query);
    const init: Parameters<typeof fetch>[1] & { body?: unknown } = { method, headers, agent: await api.getAgent() };
    if (payload && (method === "POST" || method === "PUT")) {
      init.body = payload instanceof ReadableStream ? payload : JSON.stringify(payload);
    }
    const response = await fetch(url.toString(), init as Parameters<typeof fetch>[1]);
    if (!response.ok) {
      throw new DatabricksHttpError(
        method,
        path,
        response.status,
        response.statusText,
        await response.text(),
        response.headers,
      );
    }
    const picked: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (responseHeaders.includes(key.toLowerCase())) picked[key.toLowerCase()] = value;
    });
    if (raw) return { contents: response.body, ...picked };
    const text = await response.text();
    let json: unknown;
    try {
      json = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new DatabricksHttpError(method, path, response.status, "response is not JSON", text, response.headers);
    }
    return Object.assign({}, json, picked);
  };
}
