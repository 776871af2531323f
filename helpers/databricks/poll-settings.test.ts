import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { readPollSettings } from "./poll-settings.ts";

const defaults = { intervalSeconds: 20, timeoutSeconds: 900 };

describe("readPollSettings", () => {
  it("uses the smoke's defaults", () => {
    expect(readPollSettings({}, defaults)).toEqual({ intervalMs: 20_000, timeoutMs: 900_000, source: "defaults" });
  });

  it("takes DATABRICKS_POLL_INTERVAL_SECONDS / DATABRICKS_POLL_TIMEOUT_SECONDS (decimals allowed)", () => {
    const env = { DATABRICKS_POLL_INTERVAL_SECONDS: "0.5", DATABRICKS_POLL_TIMEOUT_SECONDS: "60" };
    expect(readPollSettings(env, defaults)).toEqual({
      intervalMs: 500,
      timeoutMs: 60_000,
      source: "DATABRICKS_POLL_INTERVAL_SECONDS, DATABRICKS_POLL_TIMEOUT_SECONDS",
    });
  });

  it("replays keep the defaults", () => {
    expect(readPollSettings({ DATABRICKS_POLL_TIMEOUT_SECONDS: "60" }, defaults, false).timeoutMs).toBe(900_000);
  });

  it.each([
    ["DATABRICKS_POLL_INTERVAL_SECONDS", "20s"],
    ["DATABRICKS_POLL_INTERVAL_SECONDS", "0"],
    ["DATABRICKS_POLL_TIMEOUT_SECONDS", "fifteen minutes"],
    ["DATABRICKS_POLL_TIMEOUT_SECONDS", "-5"],
  ])("rejects %s=%j naming the variable (even for replays)", { tags: ["self-test"] }, (name, value) => {
    for (const apply of [true, false]) {
      const attempt = () => readPollSettings({ [name]: value }, defaults, apply);
      expect(attempt).toThrow(EnvValueError);
      expect(attempt).toThrow(`${name}=${JSON.stringify(value)} is not allowed: expected a positive number of seconds`);
    }
  });
});
