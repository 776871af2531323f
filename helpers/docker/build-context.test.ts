import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../process/run.ts";
import {
  contextFiles,
  contextTar,
  dockerfileInContext,
  isIgnored,
  OUTSIDE_DOCKERFILE,
  parseDockerignore,
} from "./build-context.ts";

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

describe("the Dockerfile and the context, both from the contract", () => {
  it("passes a Dockerfile under a sub-context relative to that context", () => {
    expect(dockerfileInContext("/svc/app", "/svc/app/docker/Dockerfile")).toBe("docker/Dockerfile");
    expect(dockerfileInContext("/svc/app", "/svc/app/Dockerfile")).toBe("Dockerfile");
  });

  it("sends a Dockerfile outside the context under its own name", async () => {
    const context = join(dir, "ctx");
    mkdirSync(join(context, "sub"), { recursive: true });
    writeFileSync(join(context, "sub/file.txt"), "x");
    writeFileSync(join(dir, "Outside.Dockerfile"), "FROM scratch\n");
    expect(dockerfileInContext(context, join(dir, "Outside.Dockerfile"))).toBeUndefined();
    const built = contextTar(context, join(dir, "Outside.Dockerfile"));
    expect(built.dockerfile).toBe(OUTSIDE_DOCKERFILE);
    const listing = await run(["tar", "-tf", "-"], { input: built.tar });
    built.dispose();
    expect(listing.stdout.split("\n").filter(Boolean).sort()).toEqual([OUTSIDE_DOCKERFILE, "sub/file.txt"]);
  });
});
