import { describe, expect, it } from "vitest";
import { EnvironmentProblemError } from "../contract/errors.ts";
import { fromRoot } from "../paths.ts";
import { kustomizeBuild, usesHelmCharts } from "./kustomize.ts";

describe("kubectl kustomize", () => {
  it("renders the sample overlay", async () => {
    const objects = await kustomizeBuild(fromRoot("fixtures/target/k8s/overlays/production"));
    expect(objects.map((o) => o.kind)).toContain("Deployment");
    expect(usesHelmCharts(fromRoot("fixtures/target/k8s/overlays/production"))).toBe(false);
  });

  it("without kubectl is an environment problem naming how to provide it, not a verdict", {
    tags: ["self-test"],
  }, async () => {
    const env = { PATH: "/nonexistent", SMOKEBOOK_TOOLS_DIR: "/nonexistent/tools" };
    const error = await kustomizeBuild(
      fromRoot("fixtures/target/k8s/overlays/production"),
      "k8s/overlays/production",
      env,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentProblemError);
    expect((error as Error).message).toMatch(
      /cannot render k8s\/overlays\/production: kubectl is not installed: not on PATH and not in \/nonexistent\/tools\/bin \(run `npm run setup:tools`, or put it on PATH\)/,
    );
  });
});
