import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { runVitest } from "../testing/child-vitest.ts";

// A PATH with no kubectl (and no tools folder): what a user's machine without kubectl looks like.
const NO_KUBECTL = { PATH: fromRoot("node_modules/.bin"), SMOKEBOOK_TOOLS_DIR: "/nonexistent/smokebook-tools" };
const SUITE = ["run", "--project", "k8s", "suites/k8s/execution-contract-manifests.test.ts"];

describe("the K8s stage without kubectl", { tags: ["self-test"] }, () => {
  it("skips the render check naming what is missing, the dependent checks 'not checked', and the run passes", {
    timeout: 120_000,
  }, async () => {
    const child = await runVitest(SUITE, { withhold: ["SMOKEBOOK_STRICT"], env: NO_KUBECTL });
    expect(child.status, child.output).toBe(0);
    const junit = child.readEvidenceFile("junit.xml");
    expect(junit).toMatch(
      /skipped: cannot render fixtures\/target\/k8s\/overlays\/production: kubectl is not installed: not on PATH and not in \/nonexistent\/smokebook-tools\/bin \(run `npm run setup:tools`, or put it on PATH\)/,
    );
    expect(junit).toMatch(/skipped: not checked: cannot render fixtures\/target\/k8s\/overlays\/production: kubectl/);
    expect(child.output).not.toMatch(/\bFAIL\b/);
  });

  it("fails the render check, and only it, under SMOKEBOOK_STRICT=1", { timeout: 120_000 }, async () => {
    const child = await runVitest(SUITE, { env: { ...NO_KUBECTL, SMOKEBOOK_STRICT: "1" } });
    expect(child.status, child.output).toBe(1);
    expect(child.output).toMatch(/Tests\s+1 failed/);
    expect(child.output).toMatch(/kubectl is not installed/);
  });
});
