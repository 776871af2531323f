/**
 * The drafted contract as YAML: a `# yaml-language-server: $schema=` line pointing at the JSON Schema smokebook ships
 * (schema/contract.schema.json, relative to the contract's folder), a header saying where it came from and what to
 * review, then the contract with one-line flow entries for env, probes and short lists.
 */
import { Document, isMap, isSeq, visit } from "yaml";
import type { ContractInput } from "../contract/schema.ts";
import { contractRelative } from "./draft-contract.ts";
import { JSON_SCHEMA_FILE } from "./json-schema.ts";
import type { ReviewItem } from "./review.ts";

export function schemaComment(out: string): string {
  return `# yaml-language-server: $schema=${contractRelative(out, JSON_SCHEMA_FILE)}`;
}

export function draftText(contract: ContractInput, out: string, review: ReadonlyArray<ReviewItem>): string {
  const doc = new Document(contract);
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? "");
      const value = pair.value;
      if (isSeq(value) && value.items.every((i) => !isMap(i) && !isSeq(i)) && key !== "start") value.flow = true;
      if (
        isMap(value) &&
        ["port", "health", "readiness", "liveness", "startup", "permissions", "httpGet"].includes(key)
      ) {
        value.flow = true;
      }
    },
    Seq(_, seq) {
      for (const item of seq.items) if (isMap(item) && item.items.length <= 6) item.flow = true;
    },
  });
  const header = [
    schemaComment(out),
    "# Execution contract drafted by `smokebook init` from the service's Dockerfile and rendered manifests.",
    "# Review it (every field is declared from what the files say today), then commit it. Paths are relative to this",
    "# file's folder. Fields to review:",
    ...(review.length > 0 ? review.map((r) => `#   ${r.field}: ${r.why}`) : ["#   (none)"]),
  ];
  return `${header.join("\n")}\n${doc.toString({ lineWidth: 120, flowCollectionPadding: true })}`;
}
