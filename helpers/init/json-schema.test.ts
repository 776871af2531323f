import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { contractJsonSchema, JSON_SCHEMA_FILE } from "./json-schema.ts";

describe("schema/contract.schema.json", () => {
  test("is the JSON Schema generated from the zod contract schema (rerun `node helpers/init/json-schema.ts`)", () => {
    expect(JSON.parse(readFileSync(JSON_SCHEMA_FILE, "utf8"))).toEqual(contractJsonSchema());
  });

  test("describes the required fields and rejects unknown ones", () => {
    const schema = JSON.parse(readFileSync(JSON_SCHEMA_FILE, "utf8")) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { description?: string }>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(["contractVersion", "name", "port"]));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.kubernetes?.description).toBeTruthy();
  });
});
