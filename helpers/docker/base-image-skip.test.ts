import { describe, expect, it } from "vitest";
import { runVitest } from "../testing/child-vitest.ts";

// A registry on a closed loopback port: the pull is refused at once, nothing leaves this machine.
const UNREACHABLE = "127.0.0.1:1/smokebook/no-such-base:24";
const SUITE = ["run", "--project", "docker", "suites/docker/execution-contract.test.ts"];
const NOTE = /base image 127\.0\.0\.1:1\/smokebook\/no-such-base:24 cannot be had|no Docker engine reachable/;

describe("the Docker stage without its base image", { tags: ["self-test"] }, () => {
  it("skips every check with a note saying why and how to fix it, and the run passes", {
    timeout: 120_000,
  }, async () => {
    const child = await runVitest(SUITE, {
      withhold: ["SMOKEBOOK_REQUIRE_DOCKER", "SMOKEBOOK_STRICT"],
      env: { SMOKEBOOK_BASE_IMAGE: UNREACHABLE },
    });
    expect(child.status, child.output).toBe(0);
    expect(child.output).toMatch(/Tests\s+\d+ skipped/);
    expect(child.readEvidenceFile("junit.xml")).toMatch(NOTE);
    // One check carries the cause; the checks that need the image say "not checked: <cause>", never FAIL.
    expect(child.readEvidenceFile("junit.xml")).toMatch(
      /not checked: base image 127\.0\.0\.1:1\/smokebook\/no-such-base:24 cannot be had/,
    );
    expect(child.output).not.toMatch(/\bFAIL\b/);
  });

  it("fails instead when SMOKEBOOK_REQUIRE_DOCKER=1", { timeout: 120_000 }, async () => {
    const child = await runVitest(SUITE, {
      withhold: ["SMOKEBOOK_STRICT"],
      env: { SMOKEBOOK_BASE_IMAGE: UNREACHABLE, SMOKEBOOK_REQUIRE_DOCKER: "1" },
    });
    expect(child.status, child.output).toBe(1);
    expect(child.output).toMatch(/SMOKEBOOK_REQUIRE_DOCKER=1 requires this check: /);
    expect(child.output).toMatch(NOTE);
  });
});
