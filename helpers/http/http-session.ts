/**
 * A plain HTTP session for smokes of any service with a URL: live and record send to the base URL the smoke's
 * variable names (e.g. EXAMPLE_HEALTH_URL); replay answers from the recording, aimed at the origin it was recorded
 * from, so no server is needed. Requests go through global fetch, which the session's traffic intercepts.
 */
import type { Har } from "har-format";
import type { OpenedSession, SessionContext } from "../define-smoke/system-session.ts";
import { openTraffic } from "../define-smoke/traffic.ts";
import { EnvValueError, SmokebookError } from "../errors.ts";
import type { Env, RunMode } from "../gates.ts";

export interface HttpSessionOptions {
  /** The variable holding the base URL in live and record mode, e.g. "EXAMPLE_HEALTH_URL". */
  url: string;
}

export interface HttpSession {
  readonly mode: RunMode;
  /** The base URL requests go to (in replay: the recorded origin and path). */
  readonly baseUrl: string;
  /** `path` resolved against the base URL ("/health", "health", or a full URL). */
  url(path?: string): string;
  fetch(path?: string, init?: RequestInit): Promise<Response>;
  get(path?: string, init?: RequestInit): Promise<Response>;
}

function liveBaseUrl(options: HttpSessionOptions, env: Env): string {
  const value = env[options.url]?.trim();
  if (!value) throw new SmokebookError("HTTP_URL_UNSET", `${options.url} is not set (the base URL of this smoke)`);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // "localhost:8080" parses as a URL of scheme "localhost:": only http and https are base URLs here.
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new EnvValueError(options.url, value, "an absolute http(s) URL, e.g. http://127.0.0.1:8080/");
  }
  return url.href;
}

function resolveAgainst(base: string, path: string | undefined): string {
  if (path === undefined || path === "") return base;
  if (/^https?:\/\//i.test(path)) return path;
  const root = base.endsWith("/") ? base : `${base}/`;
  return new URL(path.replace(/^\//, ""), root).href;
}

export function httpSession(mode: RunMode, baseUrl: string): HttpSession {
  const url = (path?: string) => resolveAgainst(baseUrl, path);
  return {
    mode,
    baseUrl,
    url,
    fetch: (path, init) => fetch(url(path), init),
    get: (path, init) => fetch(url(path), { ...init, method: "GET" }),
  };
}

/** The base URL a recording was made against: its comment's base_url, else the first request's origin. */
function recordedBaseUrl(har: Har | undefined): string | undefined {
  try {
    const meta = JSON.parse(har?.log.comment ?? "") as { base_url?: unknown };
    if (typeof meta.base_url === "string") return meta.base_url;
  } catch {
    // a recording made elsewhere: fall back to its first request
  }
  const first = har?.log.entries[0]?.request.url;
  if (!first) return undefined;
  return new URL("/", first).href;
}

/** Opens the `http` session of a smoke under its mode (see define-smoke/system-session.ts). */
export async function openHttpSession(
  context: SessionContext,
  options: HttpSessionOptions,
): Promise<OpenedSession<HttpSession>> {
  const { mode, recording, env } = context;
  const base = mode === "replay" ? undefined : liveBaseUrl(options, env);
  const comment = JSON.stringify({ smoke: context.smoke, recorded_by: "smokebook http session", base_url: base });
  const traffic = openTraffic(mode, recording, { env, comment });
  const baseUrl = base ?? recordedBaseUrl(traffic.har);
  if (baseUrl === undefined) {
    traffic.close();
    throw new SmokebookError("EMPTY_RECORDING", `recording ${recording} holds no request to replay`);
  }
  return {
    value: httpSession(mode, baseUrl),
    clock: traffic.clock,
    finish: async (failed) => (await traffic.finish(failed))?.message,
    release: async () => traffic.close(),
  };
}
