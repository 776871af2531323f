import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { fromRoot } from "../paths.ts";
import { findTool, toolMissingNote } from "../tools/find-tool.ts";
import { helmSource } from "./render.ts";
import { helmTemplate, parseHelmOutput, templatePath } from "./template.ts";

const chart = fromRoot("fixtures/services/podinfo/charts/podinfo");
const values = [join(chart, "values.yaml"), join(chart, "values-prod.yaml")];

describe("helm template render source", () => {
  test("parses helm's output, keeping each object's template from its # Source: comment", () => {
    const text = "---\n# Source: app/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n";
    const { objects, templates } = parseHelmOutput(text, "/c/app");
    expect(objects.map((o) => o.metadata.name)).toEqual(["a"]);
    expect(templates).toEqual(["/c/app/templates/svc.yaml"]);
    expect(templatePath("/c/app", "app/charts/redis/templates/x.yaml")).toBe("/c/app/charts/redis/templates/x.yaml");
  });

  test("renders podinfo with values.yaml + values-prod.yaml and traces objects and values back", async (ctx) => {
    if (!findTool("helm")) ctx.skip(toolMissingNote("helm"));
    const render = await helmTemplate({ chart, values, release: "podinfo", namespace: "podinfo" });
    const source = helmSource(render);
    expect(source.fileOf("Deployment", "podinfo")).toBe(join(chart, "templates/deployment.yaml"));
    expect(source.fileOf("HorizontalPodAutoscaler", "podinfo")).toBe(join(chart, "templates/hpa.yaml"));
    expect(source.imageSetting("ghcr.io/stefanprodan/podinfo")).toEqual({
      file: join(chart, "values-prod.yaml"),
      field: "image.tag",
    });
    expect(source.valueOrigin?.("info")?.field).toBe("logLevel");
  });

  test("a tag set only in values-<env>.yaml is traced to that file (copy of the chart)", async (ctx) => {
    if (!findTool("helm")) ctx.skip(toolMissingNote("helm"));
    const dir = mkdtempSync(join(tmpdir(), "smokebook-helm-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(chart, dir, { recursive: true });
    const prod = join(dir, "values-prod.yaml");
    writeFileSync(prod, readFileSync(prod, "utf8").replace("tag: 6.9.1", "tag: latest"));
    const render = await helmTemplate({ chart: dir, values: [join(dir, "values.yaml"), prod], release: "podinfo" });
    const deployment = render.objects.find((o) => o.kind === "Deployment") as unknown as {
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    };
    expect(deployment.spec.template.spec.containers[0]?.image).toBe("ghcr.io/stefanprodan/podinfo:latest");
    expect(helmSource(render).valueOrigin?.("latest")).toEqual({ file: prod, field: "image.tag" });
  });

  test("a chart that does not render fails naming the chart and helm's message", async (ctx) => {
    if (!findTool("helm")) ctx.skip(toolMissingNote("helm"));
    const dir = mkdtempSync(join(tmpdir(), "smokebook-helm-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(chart, dir, { recursive: true });
    writeFileSync(join(dir, "templates/broken.yaml"), "{{ .Values.nope.deeper }}\n");
    await expect(helmTemplate({ chart: dir, values: [], release: "podinfo" })).rejects.toThrow(
      /helm template .* failed: .*broken\.yaml/,
    );
  });

  test("no helm is an environment problem naming npm run setup:tools", async () => {
    const env = { PATH: "/nonexistent", SMOKEBOOK_TOOLS_DIR: "/nonexistent" };
    await expect(helmTemplate({ chart, values, release: "p", env })).rejects.toMatchObject({
      code: "ENVIRONMENT_MISSING",
      message: expect.stringContaining("npm run setup:tools"),
    });
  });
});
