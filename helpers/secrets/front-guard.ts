/**
 * Who may use the workspace front, and for what: the front forwards with the operator's real workspace credentials,
 * so listening on 127.0.0.1 is not enough (any local process could reach it). Each front session has a random bearer
 * token (helpers/k8s-replay/proxy-auth.ts, registered for redaction) that only the resolver under test is given; a
 * request without it gets a 401 before anything is forwarded. An authenticated request is still refused (403)
 * unless it is one of the reads the secret smoke makes — GET SCIM Me or GET secrets/get — so a write can never
 * reach the workspace, whatever the resolver under test does. Both answers use the Databricks error body shape.
 */
import type { IncomingHttpHeaders } from "node:http";
import { hasProxyToken } from "../k8s-replay/proxy-auth.ts";

/** The only requests the front passes on (method GET): the auth context and the secret reads. */
export const FRONT_ALLOWED_PATHS: ReadonlySet<string> = new Set([
  "/api/2.0/preview/scim/v2/Me",
  "/api/2.0/secrets/get",
]);

export const FRONT_UNAUTHENTICATED_MESSAGE =
  "smokebook workspace front: missing or wrong bearer token (only the resolver under test is given this session's token)";

function databricksError(status: number, errorCode: string, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ error_code: errorCode, message }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** True when the front may pass this request on (once authenticated). */
export function isAllowedRead(method: string, path: string): boolean {
  return method === "GET" && FRONT_ALLOWED_PATHS.has(path);
}

/** The front's own answer to a request it must not pass on, or undefined when the request may go through. */
export function frontRefusal(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  token: string,
): Response | undefined {
  if (!hasProxyToken(headers, token)) {
    return databricksError(401, "UNAUTHENTICATED", FRONT_UNAUTHENTICATED_MESSAGE, {
      "www-authenticate": 'Bearer realm="smokebook-workspace-front"',
    });
  }
  if (!isAllowedRead(method, path)) {
    return databricksError(
      403,
      "PERMISSION_DENIED",
      `smokebook workspace front: ${method} ${path} refused (the secret smoke is read-only: only GET ${[...FRONT_ALLOWED_PATHS].join(" and GET ")} are passed on)`,
    );
  }
  return undefined;
}
