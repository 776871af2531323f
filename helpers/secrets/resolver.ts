/**
 * The reference secret resolver (ADR-0015): the env stub SECRET_<NORMALIZED_KEY> first; only without it, the
 * Databricks secret scope named by DATABRICKS_SECRET_SCOPE (or, when that is unset, KEY_VAULT_SECRET_SCOPE),
 * whose value is base64-decoded. Every value it returns is registered for redaction first.
 * Failures are RemoteErrors: a missing scope variable, a missing scope or secret, 400/401/403/404 → Permanent;
 * 429, 5xx, timeouts and connection resets → Transient (helpers/remote-errors.ts).
 */
import type { Env } from "../gates.ts";
import { registerSecret } from "../redact.ts";
import { classifyRemoteFailure, PermanentRemoteError, type RemoteError } from "../remote-errors.ts";
import { chooseScope, type ScopeVariable } from "./scope-env.ts";
import type { SecretsApi } from "./secrets-api.ts";
import { envStubName } from "./stub-key.ts";

export type Resolution =
  | { source: "env-stub"; value: string; stubName: string }
  | { source: "scope"; value: string; stubName: string; scopeVariable: ScopeVariable; scope: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes the API's base64 `value`; anything else is a Permanent failure naming the scope and key. */
export function decodeSecretValue(value: unknown, scope: string, key: string, operation: string): string {
  if (typeof value !== "string" || !BASE64.test(value)) {
    throw new PermanentRemoteError(
      `${operation} failed (Permanent, SECRET_VALUE_INVALID): secrets/get for scope ${scope} key ${key} returned ${typeof value === "string" ? "a value that is not base64" : "no value"}`,
      { operation, apiErrorCode: "SECRET_VALUE_INVALID" },
    );
  }
  const decoded = Buffer.from(value, "base64").toString("utf8");
  registerSecret(decoded);
  return decoded;
}

export interface ResolveOptions {
  env: Env;
  api: SecretsApi;
}

export async function resolveSecret(key: string, { env, api }: ResolveOptions): Promise<Resolution> {
  const stubName = envStubName(key);
  const stub = env[stubName];
  if (stub !== undefined && stub !== "") {
    registerSecret(stub);
    return { source: "env-stub", value: stub, stubName };
  }
  const operation = `resolve secret ${key}`;
  const choice = chooseScope(env);
  if (!choice) {
    throw new PermanentRemoteError(
      `${operation} failed (Permanent, missing scope): ${stubName} is not set and neither DATABRICKS_SECRET_SCOPE nor KEY_VAULT_SECRET_SCOPE names a scope`,
      { operation, apiErrorCode: "SCOPE_NOT_CONFIGURED" },
    );
  }
  const scopeOperation = `${operation} from scope ${choice.scope} (${choice.variable})`;
  let response: Awaited<ReturnType<SecretsApi["getSecret"]>>;
  try {
    response = await api.getSecret(choice.scope, key);
  } catch (error) {
    throw classifyRemoteFailure(error, scopeOperation);
  }
  const value = decodeSecretValue(response.value, choice.scope, key, scopeOperation);
  return { source: "scope", value, stubName, scopeVariable: choice.variable, scope: choice.scope };
}

/** Any failure of resolveSecret, as the RemoteError the classification criterion compares. */
export function classifyResolutionFailure(error: unknown, key: string): RemoteError {
  return classifyRemoteFailure(error, `resolve secret ${key}`);
}
