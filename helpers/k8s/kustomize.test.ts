import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvironmentProblemError } from "../contract/errors.ts";
import { fromRoot } from "../paths.ts";
import { findTool, toolMissingNote } from "../tools/find-tool.ts";
import { type K8sObject, kustomizeBuild, usesHelmCharts } from "./kustomize.ts";

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

  it("helmCharts: with a helm v4 are rendered by smokebook; a chart not vendored is an environment problem", {
    tags: ["self-test"],
  }, async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-helmcharts-test-"));
    ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "overlay"));
    writeFileSync(join(dir, "bin", "helm"), "#!/bin/sh\necho v4.3.2\n");
    chmodSync(join(dir, "bin", "helm"), 0o755);
    writeFileSync(
      join(dir, "overlay", "kustomization.yaml"),
      "helmCharts:\n  - { name: podinfo, releaseName: p, repo: https://stefanprodan.github.io/podinfo }\n",
    );
    const env = { ...process.env, PATH: `${join(dir, "bin")}:${process.env.PATH}` };
    const error = await kustomizeBuild(join(dir, "overlay"), "overlay", env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentProblemError);
    expect((error as Error).message).toMatch(
      /cannot render overlay: helmCharts\[0\] podinfo of kustomization\.yaml is not vendored under chartHome charts \(it would be fetched from https:\/\/stefanprodan\.github\.io\/podinfo; this machine renders offline\)/,
    );
  });

  it("renders a vendored chart of a helmCharts: overlay with its values, beside the overlay's own resources", async (ctx) => {
    if (!findTool("helm")) return ctx.skip(toolMissingNote("helm"));
    const dir = mkdtempSync(join(tmpdir(), "smokebook-helmcharts-test-"));
    ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(fromRoot("fixtures/services/podinfo/charts"), join(dir, "charts"), { recursive: true });
    mkdirSync(join(dir, "overlay"));
    writeFileSync(join(dir, "overlay", "extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\n");
    writeFileSync(
      join(dir, "overlay", "kustomization.yaml"),
      [
        "namespace: shop",
        "resources: [extra.yaml]",
        "helmGlobals: { chartHome: ../charts }",
        "helmCharts:",
        "  - name: podinfo",
        "    releaseName: web",
        "    valuesInline: { replicaCount: 3 }",
        "",
      ].join("\n"),
    );
    const objects = await kustomizeBuild(join(dir, "overlay"), "overlay");
    const deployment = objects.find((o) => o.kind === "Deployment") as { spec?: { replicas?: number } } & K8sObject;
    expect(deployment.metadata).toMatchObject({ name: "web-podinfo", namespace: "shop" });
    expect(deployment.spec?.replicas).toBe(3);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toContain("ConfigMap/extra");
  });
});
