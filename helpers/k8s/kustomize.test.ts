import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

  it("an overlay with helmCharts: and only a helm v4 is an environment problem naming what to provide", {
    tags: ["self-test"],
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-helmcharts-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "overlay"));
    writeFileSync(join(dir, "bin", "helm"), "#!/bin/sh\necho v4.3.2\n");
    chmodSync(join(dir, "bin", "helm"), 0o755);
    writeFileSync(join(dir, "overlay", "kustomization.yaml"), "helmCharts:\n  - { name: podinfo, releaseName: p }\n");
    const env = { ...process.env, PATH: `${join(dir, "bin")}:${process.env.PATH}` };
    const error = await kustomizeBuild(join(dir, "overlay"), "overlay", env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentProblemError);
    expect((error as Error).message).toMatch(
      /cannot render overlay \(helmCharts:\): kubectl's kustomize renders helmCharts only with helm v3, and .*\/bin\/helm is v4\.3\.2; put a helm v3 first on PATH/,
    );
  });
});
