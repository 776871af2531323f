import { describe, expect, it } from "vitest";
import { EnvValueError, SmokebookError } from "../errors.ts";
import { httpSession, openHttpSession } from "./http-session.ts";

const context = (env: Record<string, string>) => ({ mode: "live" as const, recording: undefined, smoke: "s", env });

describe("the http session", { tags: ["self-test"] }, () => {
  it("resolves paths against the base URL, keeping its path prefix", () => {
    const http = httpSession("live", "http://127.0.0.1:8080/api/");
    expect(http.url("/health")).toBe("http://127.0.0.1:8080/api/health");
    expect(http.url("health")).toBe("http://127.0.0.1:8080/api/health");
    expect(http.url("http://127.0.0.1:9/x")).toBe("http://127.0.0.1:9/x");
  });

  it("live without its URL variable fails naming the variable", async () => {
    const attempt = openHttpSession(context({}), { url: "EXAMPLE_HEALTH_URL" });
    await expect(attempt).rejects.toBeInstanceOf(SmokebookError);
    await expect(attempt).rejects.toThrow(/EXAMPLE_HEALTH_URL is not set/);
  });

  it("live with a value that is not a URL fails naming the variable and the value", async () => {
    const attempt = openHttpSession(context({ EXAMPLE_HEALTH_URL: "localhost:8080" }), { url: "EXAMPLE_HEALTH_URL" });
    await expect(attempt).rejects.toBeInstanceOf(EnvValueError);
    await expect(attempt).rejects.toThrow(/EXAMPLE_HEALTH_URL="localhost:8080" is not allowed: expected an absolute/);
  });
});
