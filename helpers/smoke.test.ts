import { describe, expect, it } from "vitest";
import { StrictSkipError } from "./errors.ts";
import { skipOrFail } from "./smoke.ts";

function fakeContext() {
  const skipped: Array<string | undefined> = [];
  return {
    skipped,
    ctx: {
      skip: ((note?: string) => {
        skipped.push(note);
        throw new Error("skipped");
      }) as never,
    },
  };
}

describe("skipOrFail", () => {
  it("skips with the exact note by default", () => {
    const { ctx, skipped } = fakeContext();
    expect(() => skipOrFail(ctx, "RUN_DEV019_WATCHDOG_SMOKE is not 1", { env: {} })).toThrow("skipped");
    expect(skipped).toEqual(["RUN_DEV019_WATCHDOG_SMOKE is not 1"]);
  });

  it("self-test: SMOKEBOOK_STRICT=1 turns the skip into a failure that keeps the note", () => {
    const { ctx, skipped } = fakeContext();
    const attempt = () => skipOrFail(ctx, "DATABRICKS_TOKEN is not set", { env: { SMOKEBOOK_STRICT: "1" } });
    expect(attempt).toThrow(StrictSkipError);
    expect(attempt).toThrow("SMOKEBOOK_STRICT=1 forbids skipping: DATABRICKS_TOKEN is not set");
    expect(skipped).toEqual([]);
  });

  it("self-test: a requiredBy switch makes this one skip a failure", () => {
    const { ctx } = fakeContext();
    expect(() =>
      skipOrFail(ctx, "no Docker engine reachable", {
        env: { SMOKEBOOK_REQUIRE_DOCKER: "1" },
        requiredBy: "SMOKEBOOK_REQUIRE_DOCKER",
      }),
    ).toThrow("SMOKEBOOK_REQUIRE_DOCKER=1 requires this check: no Docker engine reachable");
  });

  it("rejects a strict switch that is not 1/0", () => {
    const { ctx } = fakeContext();
    expect(() => skipOrFail(ctx, "x", { env: { SMOKEBOOK_STRICT: "true" } })).toThrow(/SMOKEBOOK_STRICT="true"/);
  });
});
