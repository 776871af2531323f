/**
 * The contract's JSON Schema (schema/contract.schema.json), generated from the zod schema so editors validate and
 * complete contract.yaml (`# yaml-language-server: $schema=…`). Cross-field rules (schema-refine.ts) are not
 * expressible in it; smokebook reports them when it loads the contract. Kept in sync by json-schema.test.ts (same
 * JSON, whatever the formatting); `node helpers/init/json-schema.ts` rewrites the file (then `npx biome format --write
 * schema`).
 */
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { contractSchema } from "../contract/schema.ts";
import { fromRoot } from "../paths.ts";

export const JSON_SCHEMA_FILE = fromRoot("schema/contract.schema.json");

export function contractJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(contractSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "smokebook execution contract",
    description:
      "What a service declares about itself at each layer (Local, Docker, Helm/K8s). Generated from helpers/contract/schema.ts.",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}

export function contractJsonSchemaText(): string {
  return `${JSON.stringify(contractJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(JSON_SCHEMA_FILE, contractJsonSchemaText());
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
}
