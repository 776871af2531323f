import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { contractFields, renderFieldReference } from "./field-reference.ts";

describe("the README's contract field reference", () => {
  it("is the schema's own rendering (regenerate: node -e the renderFieldReference() of field-reference.ts)", () => {
    const readme = readFileSync(fromRoot("README.md"), "utf8");
    const start = readme.indexOf("<!-- contract-fields:start -->\n");
    const end = readme.indexOf("\n<!-- contract-fields:end -->");
    expect(start, "README.md has no <!-- contract-fields:start --> marker").toBeGreaterThan(0);
    expect(readme.slice(start + "<!-- contract-fields:start -->\n".length, end)).toBe(renderFieldReference());
  });

  it("lists every field with the values it allows", () => {
    const rows = new Map(contractFields().map((r) => [r.path, r]));
    expect(rows.get("env[].source")?.accepts).toBe("`configmap`, `secret`, `literal`, `fieldRef`, `argument`");
    expect(rows.get("image.tagFormats")?.accepts).toMatch(/`semver`, `digest` or \{ regex \}/);
    expect(rows.get("kubernetes.probes.liveness")?.accepts).toMatch(/httpGet.*tcpSocket.*grpc.*exec/);
    expect(rows.get("port.number")).toMatchObject({ required: true });
    expect(rows.get("permissions")).toMatchObject({ required: false });
  });
});
