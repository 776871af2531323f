import type { ContainerRuntimeClient } from "testcontainers";
import { describe, expect, it } from "vitest";
import { detectEngine } from "./engine.ts";

describe("detectEngine", () => {
  it("turns an unreachable engine into a skip note saying how to enable one", { tags: ["self-test"] }, async () => {
    const env: Record<string, string | undefined> = {};
    const status = await detectEngine(env, 1000, () =>
      Promise.reject(new Error("Could not find a working container runtime strategy")),
    );
    expect(status).toEqual({
      available: false,
      note: expect.stringMatching(
        /^no Docker engine reachable \(Could not find a working container runtime strategy\)\. Enable one: `bash scripts\/ci\/start-docker\.sh`.*SMOKEBOOK_REQUIRE_DOCKER=1 turns this skip into a failure$/,
      ),
    });
    expect(env.TESTCONTAINERS_RYUK_DISABLED).toBe("true");
  });

  it("gives up on an engine that does not answer within its deadline", { tags: ["self-test"] }, async () => {
    const status = await detectEngine({}, 50, () => new Promise<ContainerRuntimeClient>(() => {}));
    expect(status.available).toBe(false);
    expect(status.available === false && status.note).toMatch(/no answer within 0\.05s/);
  });

  it("keeps a Ryuk choice the caller made", async () => {
    const env: Record<string, string | undefined> = { TESTCONTAINERS_RYUK_DISABLED: "false" };
    await detectEngine(env, 50, () => Promise.reject(new Error("x")));
    expect(env.TESTCONTAINERS_RYUK_DISABLED).toBe("false");
  });
});
