import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contextFiles, isIgnored, parseDockerignore } from "./build-context.ts";

const dir = mkdtempSync(join(tmpdir(), "smokebook-context-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("build context", () => {
  it("applies .dockerignore rules in order, with ! re-including a folder", () => {
    const rules = parseDockerignore("# comment\n*\n!src/\nsrc/**/*.test.mjs\n");
    expect(isIgnored("contract.yaml", rules)).toBe(true);
    expect(isIgnored("src/main.mjs", rules)).toBe(false);
    expect(isIgnored("src/lib/a.test.mjs", rules)).toBe(true);
  });

  it("always sends the Dockerfile", () => {
    mkdirSync(join(dir, "src"));
    mkdirSync(join(dir, "docker"));
    writeFileSync(join(dir, "src/main.mjs"), "");
    writeFileSync(join(dir, "docker/Dockerfile"), "");
    writeFileSync(join(dir, "contract.yaml"), "");
    writeFileSync(join(dir, ".dockerignore"), "*\n!src/\n");
    expect(contextFiles(dir, "docker/Dockerfile")).toEqual(["docker/Dockerfile", "src/main.mjs"]);
  });
});
