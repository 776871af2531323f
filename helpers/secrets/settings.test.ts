import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { fromRoot } from "../paths.ts";
import { HarFormatError, harLog, loadHar } from "../replay/index.ts";
import { readSecretSmokeSettings, settingsFromRecording } from "./settings.ts";

describe("secret smoke settings", () => {
  it("reads key, scopes, callable, interpreter and time limit", () => {
    expect(
      readSecretSmokeSettings({
        SECRET_SMOKE_KEY: "azure-openai-endpoint",
        KEY_VAULT_SECRET_SCOPE: "kv",
        DATABRICKS_SECRET_SCOPE: " ",
        GET_SECRET_CALLABLE: "pkg.mod:get_secret",
        GET_SECRET_TIMEOUT_SECONDS: "2.5",
      }),
    ).toEqual({
      key: "azure-openai-endpoint",
      scopes: { KEY_VAULT_SECRET_SCOPE: "kv" },
      callable: "pkg.mod:get_secret",
      python: "python3",
      timeoutMs: 2500,
    });
  });

  it("takes key and scopes from the committed recording in replay", () => {
    const settings = settingsFromRecording(loadHar(fromRoot("fixtures/secret-resolution/steps.har")), "steps.har", {});
    expect(settings).toMatchObject({
      key: "azure-openai-endpoint",
      scopes: { DATABRICKS_SECRET_SCOPE: "smokebook-dev" },
      callable: undefined,
    });
  });
});

describe("secret smoke settings reject what they cannot use", { tags: ["self-test"] }, () => {
  it("SECRET_SMOKE_KEY unset", () => {
    expect(() => readSecretSmokeSettings({})).toThrow(EnvValueError);
    expect(() => readSecretSmokeSettings({})).toThrow(/^SECRET_SMOKE_KEY="" is not allowed: expected a secret key/);
  });

  it.each(["0", "-1", "soon"])("GET_SECRET_TIMEOUT_SECONDS=%j", (value) => {
    expect(() => readSecretSmokeSettings({ SECRET_SMOKE_KEY: "k", GET_SECRET_TIMEOUT_SECONDS: value })).toThrow(
      `GET_SECRET_TIMEOUT_SECONDS=${JSON.stringify(value)} is not allowed: expected a positive number of seconds`,
    );
  });

  it("a recording without the smoke's settings names the file and field", () => {
    expect(() => settingsFromRecording(harLog([], "recorded by hand"), "x.har", {})).toThrow(HarFormatError);
    expect(() => settingsFromRecording(harLog([], "recorded by hand"), "x.har", {})).toThrow(
      "x.har: log.comment: expected the JSON settings of a secret-resolution recording",
    );
  });
});
