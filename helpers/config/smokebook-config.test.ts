import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REDACTING_RUNNER, smokebookConfig, systemFolders, WORKER_SETUP } from "./smokebook-config.ts";

function projectWith(folders: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "smokebook-config-"));
  for (const folder of folders) {
    mkdirSync(join(root, "suites", folder), { recursive: true });
    writeFileSync(join(root, "suites", folder, "a.test.ts"), "");
  }
  writeFileSync(join(root, "suites", "README.md"), "not a system");
  return root;
}

type Project = { test: { name: string; include: string[]; setupFiles: string[]; testTimeout?: number } };

describe("smokebookConfig", () => {
  it("one vitest project per suites/<system>/ folder, found when the config loads (a new folder runs unlisted)", () => {
    const root = projectWith(["payments", "example", ".hidden"]);
    expect(systemFolders(root)).toEqual(["example", "payments"]);
    const config = smokebookConfig({ root, systems: { payments: { testTimeout: 5_000 } } });
    const projects = config.test?.projects as Project[];
    expect(projects.map((p) => p.test.name)).toEqual(["example", "payments"]);
    expect(projects[1]?.test.include).toEqual(["suites/payments/**/*.test.ts"]);
    expect(projects[1]?.test.testTimeout).toBe(5_000);
    expect(projects.every((p) => p.test.setupFiles[0] === WORKER_SETUP)).toBe(true);
  });

  it("wires the redacting runner, the worker setup and the evidence bundle's files, and declares the tags", () => {
    const config = smokebookConfig({ root: projectWith(["example"]), tags: [{ name: "payments-team" }] });
    expect(existsSync(REDACTING_RUNNER) && existsSync(WORKER_SETUP)).toBe(true);
    expect(config.test?.runner).toBe(REDACTING_RUNNER);
    expect(JSON.stringify(config.test?.outputFile)).toMatch(/junit\.xml.*results\.json/);
    const tags = (config.test?.tags ?? []).map((t) => t.name);
    expect(tags).toEqual(expect.arrayContaining(["live", "replay", "record", "self-test", "example", "payments-team"]));
    expect(config.plugins?.length).toBe(1);
  });

  it("self-test: no suites folder gives no system project, not an error", () => {
    const root = mkdtempSync(join(tmpdir(), "smokebook-config-empty-"));
    expect(smokebookConfig({ root }).test?.projects).toEqual([]);
  });
});
