/**
 * What the secret criteria read from the wire: the secrets/get requests the workspace front observed (scope, key,
 * status), shown as one line each; and how a value is summarised for evidence (length and sha256, never the value).
 */
import { createHash } from "node:crypto";
import type { Outcome } from "./resolver-under-test.ts";
import type { FrontRequest } from "./workspace-front.ts";

export interface ScopeRead {
  scope: string;
  key: string;
  status: number | "dropped";
}

export interface ValueSummary {
  length: number;
  sha256: string;
}

export function summarize(value: string): ValueSummary {
  return { length: value.length, sha256: createHash("sha256").update(value, "utf8").digest("hex") };
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
