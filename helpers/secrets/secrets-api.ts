/**
 * The two Databricks calls the secret smoke makes, behind a small interface so the resolver can be fed a fake:
 *   GET /api/2.0/secrets/get?scope=…&key=…   → {"key": …, "value": <base64 bytes>}
 *       404 RESOURCE_DOES_NOT_EXIST (no such scope or secret), 403 PERMISSION_DENIED, 400 INVALID_PARAMETER_VALUE
 *   GET /api/2.0/preview/scim/v2/Me          → the SCIM User of the caller (userName, id, …)
 * Each call has its own time limit; a call that exceeds it fails with a TimeoutError (classified Transient).
 */
import type { WorkspaceClient } from "@databricks/sdk-experimental";

export interface SecretsApi {
  getSecret(scope: string, key: string): Promise<{ key?: string | undefined; value?: string | undefined }>;
  currentUser(): Promise<{ userName?: string | undefined; id?: string | undefined; displayName?: string | undefined }>;
}

/** Rejects with a DOMException named TimeoutError when `promise` does not settle within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException(`${what} did not answer within ${ms} ms`, "TimeoutError")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function workspaceSecretsApi(client: WorkspaceClient, timeoutMs = 30_000): SecretsApi {
  return {
    getSecret: (scope, key) =>
      withTimeout(client.secrets.getSecret({ scope, key }), timeoutMs, `GET /api/2.0/secrets/get (scope=${scope})`),
    currentUser: () => withTimeout(client.currentUser.me(), timeoutMs, "GET /api/2.0/preview/scim/v2/Me"),
  };
}
