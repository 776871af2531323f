import { describe, expect, it } from "vitest";
import { TargetCopy } from "../contract/target-copy.ts";
import { runVitest } from "../testing/child-vitest.ts";

const SUITE = ["run", "--project", "local", "suites/local/execution-contract.test.ts"];

/** A copy of the sample whose start command needs a toolchain this machine does not have. */
function withoutToolchain(copy: TargetCopy): string {
  copy.replace("contract.yaml", "start: [node, src/main.mjs]", "start: [smokebook-no-such-go, run, ./cmd/server]");
  return `${copy.dir}/contract.yaml`;
}

describe("the Local stage without the app's toolchain", { tags: ["self-test"] }, () => {
  it("is one skip naming the missing program, the checks that need it 'not checked', and exit 0", {
    timeout: 120_000,
  }, async () => {
    await using copy = new TargetCopy(undefined, "local-no-toolchain");
    const child = await runVitest(SUITE, {
      withhold: ["SMOKEBOOK_STRICT"],
      env: { SMOKEBOOK_CONTRACT: withoutToolchain(copy) },
    });
    expect(child.status, child.output).toBe(0);
    const junit = child.readEvidenceFile("junit.xml");
    expect(junit).toMatch(
      /skipped: smokebook-no-such-go is not installed: app\.start \(smokebook-no-such-go run \.\/cmd\/server\)/,
    );
    expect(junit).toMatch(/skipped: not checked: smokebook-no-such-go is not installed/);
    expect(child.output).not.toMatch(/\bFAIL\b/);
  });

  it("fails the toolchain check, and only it, under SMOKEBOOK_STRICT=1", { timeout: 120_000 }, async () => {
    await using copy = new TargetCopy(undefined, "local-no-toolchain-strict");
    const child = await runVitest(SUITE, {
      env: { SMOKEBOOK_CONTRACT: withoutToolchain(copy), SMOKEBOOK_STRICT: "1" },
    });
    expect(child.status, child.output).toBe(1);
    expect(child.output).toMatch(/Tests\s+1 failed/);
    expect(child.output).toMatch(/smokebook-no-such-go is not installed/);
  });
});
