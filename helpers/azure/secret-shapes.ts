/**
 * Azure credentials by their shapes, registered with helpers/redact.ts the moment smokebook sees one, so the
 * redaction every output goes through (console, evidence, reports, recordings) removes them:
 *   Entra ID access tokens (JWTs, "Bearer …"), client secrets ("abc8Q~…"), SAS signatures (`sig=` of a SAS URL or
 *   token), shared keys ("SharedKey <id>:<signature>", `primarySharedKey`/`secondarySharedKey`/`key1`… in JSON:
 *   Log Analytics workspace keys, the keys of the legacy HTTP Data Collector API that DCRs replaced).
 * Client secrets also arrive through the environment (AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PASSWORD), which
 * redact.ts knows by name. `secretRegistrationPolicy()` sits in every Azure client's pipeline (ARM, Logs Ingestion,
 * Log Analytics): it registers the bearer token of each request and any credential a response carries.
 */
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { registerSecret } from "../redact.ts";

const SHAPES: ReadonlyArray<RegExp> = [
  // A JWT: header.payload.signature, each base64url; Entra ID access and refresh tokens.
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // The value after "Bearer ".
  /\bBearer\s+([A-Za-z0-9._~+/=-]{8,})/g,
  // An Entra ID client secret (3 characters, a digit, "Q~", 31–34 more).
  /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  // A SAS signature, URL-encoded or not.
  /[?&]sig=([A-Za-z0-9%+/=_-]{10,})/g,
  // SharedKey / SharedAccessKey authorizations and connection strings.
  /\bSharedKey\s+[^:\s]+:([A-Za-z0-9+/=]{16,})/g,
  /\bSharedAccessKey=([A-Za-z0-9+/=]{16,})/g,
  // Keys in JSON: "primarySharedKey": "…", "key1": "…".
  /"(?:primary|secondary)(?:Shared)?Key"\s*:\s*"([^"]{16,})"/g,
  /"key[12]"\s*:\s*"([^"]{16,})"/g,
];

/** The credential values in `text` (the secret part of each match). */
export function findAzureSecrets(text: string): string[] {
  const found = new Set<string>();
  for (const shape of SHAPES) {
    for (const match of text.matchAll(shape)) {
      const value = match[1] ?? match[0];
      found.add(value);
      if (value.includes("%")) {
        try {
          found.add(decodeURIComponent(value));
        } catch {
          // not valid percent-encoding: the raw value is registered
        }
      }
    }
  }
  return [...found];
}

/** Registers every credential found in `text`; returns how many. */
export function registerAzureSecretsIn(text: string | undefined): number {
  if (!text) return 0;
  const secrets = findAzureSecrets(text);
  for (const secret of secrets) registerSecret(secret);
  return secrets.length;
}

export const SECRET_REGISTRATION_POLICY = "smokebookSecretRegistration";

/**
 * Registers the request's bearer token and any credential in the response (headers and body) before anything can
 * print them. Add it after the Sign phase: `pipeline.addPolicy(secretRegistrationPolicy(), { afterPhase: "Sign" })`.
 */
export function secretRegistrationPolicy(): PipelinePolicy {
  return {
    name: SECRET_REGISTRATION_POLICY,
    async sendRequest(request, next) {
      const authorization = request.headers.get("authorization");
      if (authorization) registerSecret(authorization.replace(/^\S+\s+/, ""));
      const response = await next(request);
      for (const [, value] of response.headers) registerAzureSecretsIn(value);
      registerAzureSecretsIn(response.bodyAsText ?? undefined);
      return response;
    },
  };
}
