import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { loadContract } from "../contract/load.ts";
import { loadManifests } from "../k8s/manifest-set.ts";
import { failingChecks } from "../k8s/static-checks.ts";
import { fromRoot } from "../paths.ts";
import { parseInitArgs, runInit } from "./init-command.ts";
import { JSON_SCHEMA_FILE } from "./json-schema.ts";

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-init-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("smokebook init", () => {
  test("flags: one render source, --values only with --helm, a port number, a health path", () => {
    const cwd = fromRoot("fixtures/services");
    expect(() => parseInitArgs(["podinfo"], cwd)).toThrow(/exactly one of --kustomize <dir> or --helm <chart>/);
    expect(() => parseInitArgs(["podinfo", "--kustomize", "k", "--helm", "c"], cwd)).toThrow(/exactly one/);
    expect(() => parseInitArgs(["podinfo", "--kustomize", "k", "--values", "v.yaml"], cwd)).toThrow(
      /--values needs --helm/,
    );
    expect(() => parseInitArgs(["podinfo", "--kustomize", "k", "--port", "http"], cwd)).toThrow(/not a port number/);
    expect(() => parseInitArgs(["podinfo", "--kustomize", "k", "--health", "healthz"], cwd)).toThrow(
      /starting with \//,
    );
    expect(() => parseInitArgs(["nope", "--kustomize", "k"], cwd)).toThrow(/service folder nope does not exist/);
    expect(() => parseInitArgs(["podinfo", "--kustomize", "k", "--bogus"], cwd)).toThrow(/bogus/);
    const helm = parseInitArgs(["podinfo", "--helm", "podinfo/charts/podinfo", "--values", "values-prod.yaml"], cwd);
    expect(helm.render).toMatchObject({ kind: "helm", values: [join(cwd, "podinfo/charts/podinfo/values-prod.yaml")] });
    expect(helm.out).toBe(join(cwd, "podinfo/contract.yaml"));
  });

  test("the sample target's own files draft a contract that loads and passes the K8s static checks", async () => {
    const dir = temp();
    cpSync(fromRoot("fixtures/target"), join(dir, "target"), { recursive: true });
    const out = join(dir, "ops", "contract.yaml");
    const options = parseInitArgs(
      [
        "target",
        "--kustomize",
        "target/k8s/overlays/production",
        "--dockerfile",
        "target/docker/Dockerfile",
        "--start",
        "node src/main.mjs",
        "--health",
        "/health",
        "--out",
        out,
      ],
      dir,
    );
    const result = await runInit(options);
    const { contract } = loadContract(out);
    expect(contract).toMatchObject({
      name: "observer",
      port: { number: 8000, env: "SERVICE_PORT" },
      permissions: { uid: 1000, fsGroup: 1000 },
      health: { path: "/health" },
      app: { workdir: "../target", start: "node src/main.mjs" },
      docker: { dockerfile: "../target/docker/Dockerfile", context: "../target/docker", baseImageArg: "BASE_IMAGE" },
      kubernetes: { kustomize: "../target/k8s/overlays/production", namespace: "observer-prod", workload: "observer" },
    });
    // envFrom of a Secret created elsewhere: its keys cannot be read from the manifests, so it is declared without
    // them and listed for review
    expect(contract.kubernetes?.external?.secrets).toEqual([{ name: "observer-kis-credentials" }]);
    expect(result.review).toContainEqual({
      field: "kubernetes.external.secrets",
      why: expect.stringContaining("envFrom Secret observer-kis-credentials is not in the manifests"),
    });
    expect(contract.volumes?.persistent).toEqual(expect.arrayContaining(["/opt/platform/runtime/observer/data"]));
    const schemaRef = /^# yaml-language-server: \$schema=(\S+)$/.exec(result.text.split("\n")[0] ?? "")?.[1];
    expect(resolve(dirname(out), schemaRef ?? "")).toBe(JSON_SCHEMA_FILE);
    expect(failingChecks(await loadManifests(loadContract(out)))).toEqual([]);
    await expect(runInit(options)).rejects.toThrow(/already exists \(pass --force to overwrite it\)/);
  });

  test("a literal value for a secret-looking name is listed for review", async () => {
    const dir = temp();
    cpSync(fromRoot("fixtures/services/podinfo"), join(dir, "podinfo"), { recursive: true });
    const deployment = join(dir, "podinfo/kustomize/deployment.yaml");
    writeFileSync(
      deployment,
      readFileSync(deployment, "utf8").replace(
        "        env:\n",
        '        env:\n        - name: API_TOKEN\n          value: "t0ps3cret"\n',
      ),
    );
    const result = await runInit(parseInitArgs(["podinfo", "--kustomize", "podinfo/kustomize"], dir));
    expect(result.review).toContainEqual({
      field: "env[0] API_TOKEN",
      why: expect.stringContaining("secret-looking name"),
    });
    expect(result.text).not.toContain("t0ps3cret");
    expect(existsSync(join(dir, "podinfo/contract.yaml"))).toBe(true);
  });
});
