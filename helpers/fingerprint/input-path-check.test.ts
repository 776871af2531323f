import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { thrownError } from "../testing/thrown-error.ts";
import { RuntimeInputPathError } from "./errors.ts";
import { checkRuntimeInputPath } from "./input-path-check.ts";

const DEV = fromRoot("fixtures/runtime_inputs/dev_incident_input.json");

describe("checkRuntimeInputPath", () => {
  it("default mode: the dev or staging fixture of this checkout", () => {
    expect(() => checkRuntimeInputPath(DEV, "dev", {})).not.toThrow();
    const staging = fromRoot("fixtures/runtime_inputs/staging_incident_input.json");
    expect(() => checkRuntimeInputPath(staging, "staging", { DEV012_RUNTIME_INPUT_PATH: " " })).not.toThrow();
  });

  it("override mode: DEV012_RUNTIME_INPUT_PATH resolved against the working directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-dev012-path-"));
    writeFileSync(join(dir, "captured.json"), "{}");
    const env = { DEV012_RUNTIME_INPUT_PATH: "captured.json" };
    expect(() => checkRuntimeInputPath(join(dir, "captured.json"), "dev", env, dir)).not.toThrow();
  });

  it("self-test: the default fixture used although an override is set fails, naming both paths", {
    tags: ["self-test"],
  }, () => {
    const error = thrownError(RuntimeInputPathError, () =>
      checkRuntimeInputPath(DEV, "dev", { DEV012_RUNTIME_INPUT_PATH: "/ops/incident.json" }, "/"),
    );
    expect(error.code).toBe("RUNTIME_INPUT_PATH_MISMATCH");
    expect(error.message).toBe(
      `DEV-012 runtime_input_path ${DEV}: expected /ops/incident.json, DEV012_RUNTIME_INPUT_PATH=/ops/incident.json resolved in /`,
    );
  });

  it("self-test: the staging fixture in dev mode fails; a missing file fails", { tags: ["self-test"] }, () => {
    const staging = fromRoot("fixtures/runtime_inputs/staging_incident_input.json");
    expect(() => checkRuntimeInputPath(staging, "dev", {})).toThrow(
      `expected ${DEV}, the default fixture fixtures/runtime_inputs/dev_incident_input.json (DEV012_RUNTIME_INPUT_PATH is not set)`,
    );
    const absent = join(mkdtempSync(join(tmpdir(), "smokebook-dev012-path-")), "absent.json");
    expect(() => checkRuntimeInputPath(absent, "dev", { DEV012_RUNTIME_INPUT_PATH: absent })).toThrow(
      `DEV-012 runtime_input_path ${absent}: no such file`,
    );
  });
});
