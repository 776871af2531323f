/**
 * What the secret criteria read from the wire: the secrets/get requests the workspace front observed (scope, key,
 * status), shown as one line each; and how a value is summarised for evidence (length and an HMAC-SHA256 under a key
 * drawn for this run, never the value: a plain hash of a guessable value such as an endpoint URL would disclose it).
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Outcome } from "./resolver-under-test.ts";
import type { FrontRequest } from "./workspace-front.ts";

export interface ScopeRead {
  scope: string;
  key: string;
  status: number | "dropped";
}

export interface ValueSummary {
  length: number;
  /** HMAC-SHA256 (hex, 16 characters) under RUN_KEY: comparable within a run, meaningless outside it. */
  hmac: string;
}

const RUN_KEY = randomBytes(32);

export function summarize(value: string): ValueSummary {
  return { length: value.length, hmac: createHmac("sha256", RUN_KEY).update(value, "utf8").digest("hex").slice(0, 16) };
}

export function scopeReads(observed: ReadonlyArray<FrontRequest>): ScopeRead[] {
  return observed
    .filter((r) => r.path === "/api/2.0/secrets/get")
    .map((r) => ({ scope: r.query.scope ?? "", key: r.query.key ?? "", status: r.status }));
}

export function showReads(reads: ReadonlyArray<ScopeRead>): string {
  return reads.map((r) => `GET secrets/get scope=${r.scope} key=${r.key} → ${r.status}`).join("; ");
}

export function failureText(outcome: Outcome): string {
  return outcome.ok ? "" : `${outcome.error.kind}: ${outcome.error.message}`;
}
