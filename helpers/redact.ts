/**
 * Redaction by default. Secret values the harness reads (credentials from the environment, SECRET_* env stubs,
 * values read from secret scopes or Kubernetes Secrets, client keys) and the contents of Authorization, Cookie and
 * Set-Cookie headers are replaced with a marker wherever smokebook writes: test output, evidence, reports,
 * recordings.
 */
import type { Env } from "./gates.ts";

export const REDACTED = "[REDACTED]";

/** Credential variables smokebook knows by name. */
const SECRET_ENV_NAMES = new Set([
  "DATABRICKS_TOKEN",
  "DATABRICKS_CLIENT_SECRET",
  "DATABRICKS_PASSWORD",
  "ARM_CLIENT_SECRET",
  "AZURE_CLIENT_SECRET",
  "LANGFUSE_SECRET_KEY",
  "LANGFUSE_PUBLIC_KEY",
  "GITHUB_TOKEN",
]);

/** Variables that look secret by their names but hold names, not values. */
const NOT_SECRET = new Set(["SECRET_SMOKE_KEY"]);

const SECRET_NAME_PATTERN = /^SECRET_|_(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|CLIENT_KEY|PRIVATE_KEY)$/;

export const SENSITIVE_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);

/** Shapes that are secret wherever they appear, even when nobody registered the value. */
const SECRET_SHAPES: ReadonlyArray<RegExp> = [
  /\bdapi[0-9a-f]{32}(-\d+)?\b/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\b(sk|pk)-lf-[0-9a-f-]{8,}/g,
  // A JWT (Azure AD access tokens, OIDC id tokens): header.payload.signature, both halves JSON ("eyJ").
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  // An Azure SAS signature (…&sig=…) and a SharedKey authorization (SharedKey account:signature).
  /\bsig=[A-Za-z0-9%+/=]{16,}/g,
  /\bSharedKey(Lite)?\s+[^\s:]+:[A-Za-z0-9+/=]{16,}/g,
];

/** What a shape keeps of its match: the scheme or parameter name, so the text still says what was there. */
function redactShape(match: string): string {
  if (/^(Bearer|Basic|SharedKey(Lite)?)\s/.test(match)) return `${match.split(/\s+/)[0]} ${REDACTED}`;
  if (match.startsWith("sig=")) return `sig=${REDACTED}`;
  return REDACTED;
}

const MIN_SECRET_LENGTH = 4;
const registered = new Set<string>();

export function isSecretEnvName(name: string): boolean {
  if (NOT_SECRET.has(name)) return false;
  return SECRET_ENV_NAMES.has(name) || SECRET_NAME_PATTERN.test(name);
}

/** Values of the credential variables present in `env`. */
export function secretValuesFromEnv(env: Env = process.env): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= MIN_SECRET_LENGTH && isSecretEnvName(name)) values.push(value);
  }
  return values;
}

/** Registers a secret read at run time (secret scope value, Kubernetes Secret data, client key). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) {
    registered.add(value);
    const base64 = Buffer.from(value, "utf8").toString("base64");
    if (base64.length >= MIN_SECRET_LENGTH) registered.add(base64);
  }
}

export function knownSecrets(env: Env = process.env): string[] {
  const all = new Set([...secretValuesFromEnv(env), ...registered]);
  for (const value of secretValuesFromEnv(env)) all.add(Buffer.from(value, "utf8").toString("base64"));
  // Longest first, so a secret that contains another is replaced whole.
  return [...all].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, env: Env = process.env): string {
  let out = text;
  for (const secret of knownSecrets(env)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const shape of SECRET_SHAPES) {
    out = out.replace(shape, redactShape);
  }
  return out;
}

/** Deep copy of a JSON-like value with every string redacted and sensitive header fields blanked. */
export function redactValue<T>(value: T, env: Env = process.env): T {
  const visit = (node: unknown, key?: string): unknown => {
    if (typeof node === "string") {
      return key && SENSITIVE_HEADERS.has(key.toLowerCase()) ? REDACTED : redactText(node, env);
    }
    if (Array.isArray(node)) return node.map((item) => visit(item));
    if (node && typeof node === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = visit(v, k);
      return out;
    }
    return node;
  };
  return visit(value) as T;
}

/** Redacts a list of HAR-style headers ({ name, value }). */
export function redactHeaderList<H extends { name: string; value: string }>(
  headers: ReadonlyArray<H>,
  env: Env = process.env,
): H[] {
  return headers.map((header) =>
    SENSITIVE_HEADERS.has(header.name.toLowerCase())
      ? { ...header, value: REDACTED }
      : { ...header, value: redactText(header.value, env) },
  );
}
