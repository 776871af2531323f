/**
 * ADR-0015 env-stub key derivation, the same contract the runbook's python snippet implements:
 * uppercase, every run of non-alphanumerics becomes `_`, repeated `_` collapse, leading/trailing `_` are trimmed,
 * then prefixed with SECRET_.  azure-openai-endpoint → SECRET_AZURE_OPENAI_ENDPOINT
 */
import { SecretKeyError } from "./errors.ts";

export function normalizeSecretKey(key: string): string {
  return key
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export function envStubName(key: string): string {
  const normalized = normalizeSecretKey(key);
  if (normalized === "") throw new SecretKeyError(key);
  return `SECRET_${normalized}`;
}
