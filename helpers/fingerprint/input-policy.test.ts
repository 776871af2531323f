import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { fromRoot } from "../paths.ts";
import { RuntimeInputError } from "./errors.ts";
import { loadIncidentInput } from "./incident-input.ts";
import { readDev012Config } from "./input-policy.ts";

describe("readDev012Config", () => {
  it("defaults to the dev fixture", () => {
    expect(readDev012Config({})).toEqual({
      env: "dev",
      inputPath: fromRoot("fixtures/runtime_inputs/dev_incident_input.json"),
      inputSource: "default fixture",
      command: undefined,
    });
  });

  it("picks the staging fixture for DEV012_SMOKE_ENV=staging", () => {
    expect(readDev012Config({ DEV012_SMOKE_ENV: "staging" }).inputPath).toBe(
      fromRoot("fixtures/runtime_inputs/staging_incident_input.json"),
    );
  });

  it.each(["prod", "Dev", "stage", " dev"])("rejects DEV012_SMOKE_ENV=%j listing the allowed values", (value) => {
    const attempt = () => readDev012Config({ DEV012_SMOKE_ENV: value });
    expect(attempt).toThrow(EnvValueError);
    expect(attempt).toThrow(`DEV012_SMOKE_ENV=${JSON.stringify(value)} is not allowed: expected dev or staging`);
  });

  it("DEV012_RUNTIME_INPUT_PATH overrides the path, resolved to an absolute path", () => {
    const config = readDev012Config(
      { DEV012_RUNTIME_INPUT_PATH: "incidents/x.json", DEV012_SMOKE_ENV: "staging" },
      "/srv/ops",
    );
    expect(config).toMatchObject({
      env: "staging",
      inputPath: "/srv/ops/incidents/x.json",
      inputSource: "DEV012_RUNTIME_INPUT_PATH",
    });
  });

  it("reads DEV012_FINGERPRINT_COMMAND, ignoring an empty value", () => {
    expect(readDev012Config({ DEV012_FINGERPRINT_COMMAND: " python3 -m fp " }).command).toBe("python3 -m fp");
    expect(readDev012Config({ DEV012_FINGERPRINT_COMMAND: "" }).command).toBeUndefined();
  });
});

describe("loadIncidentInput", { tags: ["self-test"] }, () => {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-dev012-input-"));

  function expectInputError(path: string, code: string, message: RegExp) {
    let caught: unknown;
    try {
      loadIncidentInput(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuntimeInputError);
    expect((caught as RuntimeInputError).code).toBe(code);
    expect((caught as RuntimeInputError).path).toBe(path);
    expect((caught as Error).message).toContain(path);
    expect((caught as Error).message).toMatch(message);
  }

  it("a missing file names the path", () => {
    expectInputError(join(dir, "nope.json"), "RUNTIME_INPUT_MISSING", /file does not exist/);
  });

  it("an unreadable path (a directory) names the path", () => {
    const folder = join(dir, "folder.json");
    mkdirSync(folder);
    expectInputError(folder, "RUNTIME_INPUT_UNREADABLE", /is a directory/);
  });

  it("invalid JSON names the path", () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, '{"pipeline": "pipeline_b_controls",');
    expectInputError(path, "RUNTIME_INPUT_INVALID_JSON", /is not valid JSON/);
  });

  it("JSON that is not an incident names the path and the missing field", () => {
    const path = join(dir, "shape.json");
    writeFileSync(
      path,
      JSON.stringify({ pipeline: "pipeline_b_controls", failed_task: { state: {} }, run_output: {} }),
    );
    expectInputError(path, "RUNTIME_INPUT_INVALID_SHAPE", /failed_task\.task_key: .*run_output\.error/s);
  });
});
