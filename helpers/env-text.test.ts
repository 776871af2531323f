import { describe, expect, it } from "vitest";
import { envText } from "./env-text.ts";

describe("envText", () => {
  it("returns the value without surrounding white space", () => {
    expect(envText({ PIPELINES_ENV: "  dev \n" }, "PIPELINES_ENV")).toBe("dev");
    expect(envText({ PIPELINES_ENV: "a b" }, "PIPELINES_ENV")).toBe("a b");
  });

  it("self-test: unset, empty and blank values are all not set", { tags: ["self-test"] }, () => {
    expect(envText({}, "PIPELINES_ENV")).toBeUndefined();
    expect(envText({ PIPELINES_ENV: "" }, "PIPELINES_ENV")).toBeUndefined();
    expect(envText({ PIPELINES_ENV: " \t" }, "PIPELINES_ENV")).toBeUndefined();
  });
});
