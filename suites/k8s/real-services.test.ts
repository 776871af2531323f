// @module-tag contract
// @module-tag k8s
/**
 * Issue #10 "Done when": `smokebook init` on real public services (fixtures/services, copies of stefanprodan/podinfo,
 * Azure-Samples/aks-store-demo and GoogleCloudPlatform/microservices-demo) drafts a contract kept outside the
 * service's folder (a temp ops folder), and each unmodified service passes the K8s stage's static checks with no
 * false positive. Self-tests break temp copies (never the fixtures) and each broken field fails naming the field and
 * the file to fix. Helm cases skip with a note naming `npm run setup:tools` when no helm is installed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { loadContract } from "../../helpers/contract/load.ts";
import { parseInitArgs, runInit } from "../../helpers/init/init-command.ts";
import { loadManifests } from "../../helpers/k8s/manifest-set.ts";
import { K8S_STATIC_CHECKS, runCheck } from "../../helpers/k8s/static-checks.ts";
import { fromRoot } from "../../helpers/paths.ts";
import { findTool, toolMissingNote } from "../../helpers/tools/find-tool.ts";

interface Workspace {
  /** The service copy (a temp folder; the fixture itself is never changed). */
  service: string;
  /** The ops folder the contract is written to, outside the service's folder. */
  ops: string;
}

function workspace(name: string): Workspace {
  const root = mkdtempSync(join(tmpdir(), `smokebook-real-${name}-`));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const service = join(root, "services", name);
  cpSync(fromRoot("fixtures/services", name), service, { recursive: true });
  return { service, ops: join(root, "ops", name) };
}

/** Runs `smokebook init` with these arguments (paths relative to the workspace root), writing ops/contract.yaml. */
async function init(ws: Workspace, args: string[]): Promise<string> {
  const out = join(ws.ops, "contract.yaml");
  await runInit(parseInitArgs([...args, "--out", out], join(ws.service, "..", "..")));
  return out;
}

/**
 * The K8s static checks that fail for this contract (a check the contract does not declare is not a failure), as the
 * k8s suite runs them: a violation in a Helm render is attributed to the values file that set it, or the template.
 */
async function failures(contractFile: string): Promise<Array<{ check: string; message: string }>> {
  const set = await loadManifests(loadContract(contractFile));
  const failed: Array<{ check: string; message: string }> = [];
  for (const check of K8S_STATIC_CHECKS) {
    try {
      runCheck(check, set);
    } catch (error) {
      if ((error as { code?: string }).code !== "CHECK_NOT_DECLARED") {
        failed.push({ check: check.name, message: (error as Error).message });
      }
    }
  }
  return failed;
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, "utf8");
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`test setup: ${String(from)} not found in ${file}`);
  writeFileSync(file, changed);
}

const podinfoKustomize = ["services/podinfo", "--kustomize", "services/podinfo/kustomize"];
const podinfoHelm = [
  "services/podinfo",
  "--helm",
  "services/podinfo/charts/podinfo",
  "--values",
  "values.yaml",
  "--values",
  "values-prod.yaml",
];
const boutique = (workload: string) => [
  `services/online-boutique/src/${workload}`,
  "--kustomize",
  "services/online-boutique/kustomize",
  "--workload",
  workload,
];
const orderService = [
  "services/aks-store-demo/src/order-service",
  "--kustomize",
  "services/aks-store-demo/kustomize/overlays/dev",
  "--workload",
  "order-service",
  "--start",
  "npm start",
];

function needHelm(ctx: { skip: (note: string) => void }): void {
  if (!findTool("helm")) ctx.skip(toolMissingNote("helm"));
}

describe("smokebook init on real services: the unmodified service passes its drafted contract", () => {
  test("podinfo (Go, kustomize): contract outside the service folder, relative paths, no failure", async () => {
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoKustomize);
    const loaded = loadContract(file);
    expect(relative(ws.ops, ws.service).startsWith("..")).toBe(true);
    expect(loaded.contract.docker?.dockerfile).toBe("../../services/podinfo/Dockerfile");
    expect(loaded.contract.kubernetes?.kustomize).toBe("../../services/podinfo/kustomize");
    expect(loaded.contract.port).toMatchObject({ number: 9898, argument: "--port" });
    expect(readFileSync(file, "utf8")).toMatch(/^# yaml-language-server: \$schema=.*schema\/contract\.schema\.json\n/);
    expect(await failures(file)).toEqual([]);
  });

  test("podinfo (Helm chart, values.yaml + values-prod.yaml): no failure", async (ctx) => {
    needHelm(ctx);
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoHelm);
    expect(loadContract(file).contract.kubernetes?.helm?.values).toEqual([
      "../../services/podinfo/charts/podinfo/values.yaml",
      "../../services/podinfo/charts/podinfo/values-prod.yaml",
    ]);
    expect(await failures(file)).toEqual([]);
  });

  test("online-boutique monorepo overlay (12 workloads): Go frontend and Node currencyservice, no failure", async () => {
    const ws = workspace("online-boutique");
    for (const name of ["frontend", "currencyservice"]) {
      const file = await init(ws, [...boutique(name), "--force"]);
      expect(loadContract(file).contract.kubernetes?.workload).toBe(name);
      expect(await failures(file)).toEqual([]);
    }
  });

  test("aks-store-demo overlay: several workloads need --workload, and the error lists them", async () => {
    const ws = workspace("aks-store-demo");
    await expect(init(ws, orderService.slice(0, 3))).rejects.toThrow(
      /renders 9 workloads: choose one with --workload \(.*Deployment\/order-service.*StatefulSet\/rabbitmq\)/,
    );
  });

  test("aks-store-demo order-service (Node/Fastify): only its real finding fails, the :latest tag", async () => {
    const ws = workspace("aks-store-demo");
    const file = await init(ws, orderService);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/ORDER_QUEUE_PASSWORD: a literal value in the manifests for a secret-looking name/);
    expect(text).toMatch(/order-service:latest uses latest: never allowed/);
    const failed = await failures(file);
    expect(failed.map((f) => f.check)).toEqual([expect.stringMatching(/image tag/)]);
    expect(failed[0]?.message).toMatch(/kustomize\/base\/order-service\.yaml: .*image.*latest/);
  });
});

describe("smokebook init on real services: a broken copy fails naming the field and the file", {
  tags: ["self-test"],
}, () => {
  test("latest tag (podinfo kustomize/deployment.yaml)", async () => {
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoKustomize);
    edit(join(ws.service, "kustomize/deployment.yaml"), "podinfo:6.1.1", "podinfo:latest");
    const [failed] = await failures(file);
    expect(failed?.check).toMatch(/image tag/);
    expect(failed?.message).toMatch(/kustomize\/deployment\.yaml: spec\.template\.spec\.containers\[podinfod\]\.image/);
    expect(failed?.message).toMatch(/latest/);
  });

  test("containerPort (podinfo kustomize/deployment.yaml)", async () => {
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoKustomize);
    edit(join(ws.service, "kustomize/deployment.yaml"), "containerPort: 9898", "containerPort: 9899");
    const failed = await failures(file);
    expect(failed.map((f) => f.check)).toContainEqual(expect.stringMatching(/containerPort/));
    const port = failed.find((f) => /containerPort/.test(f.check));
    expect(port?.message).toMatch(/kustomize\/deployment\.yaml: .*ports/);
    expect(port?.message).toMatch(/9898/);
  });

  test("--port argument (podinfo kustomize/deployment.yaml)", async () => {
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoKustomize);
    edit(join(ws.service, "kustomize/deployment.yaml"), "- --port=9898", "- --port=8080");
    const [failed] = await failures(file);
    expect(failed?.check).toMatch(/containerPort/);
    expect(failed?.message).toMatch(/kustomize\/deployment\.yaml: .*(command|args)/);
    expect(failed?.message).toMatch(/--port/);
  });

  test("env name (podinfo kustomize/deployment.yaml)", async () => {
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoKustomize);
    edit(join(ws.service, "kustomize/deployment.yaml"), "name: PODINFO_UI_COLOR", "name: PODINFO_UI_COLOUR");
    const [failed] = await failures(file);
    expect(failed?.check).toMatch(/env/);
    expect(failed?.message).toMatch(/kustomize\/deployment\.yaml: .*env/);
    expect(failed?.message).toMatch(/PODINFO_UI_COLOR\b/);
  });

  test("runAsUser (online-boutique kustomize/base/frontend.yaml)", async () => {
    const ws = workspace("online-boutique");
    const file = await init(ws, boutique("frontend"));
    edit(join(ws.service, "kustomize/base/frontend.yaml"), "runAsUser: 1000", "runAsUser: 0");
    const [failed] = await failures(file);
    expect(failed?.check).toMatch(/securityContext/);
    expect(failed?.message).toMatch(
      /kustomize\/base\/frontend\.yaml: spec\.template\.spec\.securityContext\.runAsUser/,
    );
    expect(failed?.message).toMatch(/1000/);
  });

  test("mountPath (podinfo Helm chart templates/deployment.yaml)", async (ctx) => {
    needHelm(ctx);
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoHelm);
    edit(join(ws.service, "charts/podinfo/templates/deployment.yaml"), "mountPath: /data\n", "mountPath: /var/data\n");
    const [failed] = await failures(file);
    expect(failed?.check).toMatch(/volumeMounts/);
    expect(failed?.message).toMatch(/charts\/podinfo\/templates\/deployment\.yaml: .*volumeMounts/);
    expect(failed?.message).toMatch(/\/data/);
  });

  test("values-<env>.yaml tag (podinfo Helm chart values-prod.yaml)", async (ctx) => {
    needHelm(ctx);
    const ws = workspace("podinfo");
    const file = await init(ws, podinfoHelm);
    edit(join(ws.service, "charts/podinfo/values-prod.yaml"), "tag: 6.9.1", "tag: latest");
    const [failed] = await failures(file);
    expect(failed?.check).toMatch(/image tag/);
    expect(failed?.message).toMatch(/charts\/podinfo\/values-prod\.yaml: image\.tag/);
    expect(failed?.message).toMatch(/latest/);
  });

  test("runAsUser set in values-<env>.yaml (podinfo Helm chart values-prod.yaml podSecurityContext)", async (ctx) => {
    needHelm(ctx);
    const ws = workspace("podinfo");
    const prod = join(ws.service, "charts/podinfo/values-prod.yaml");
    // the operator's values-prod.yaml runs the pod as 1000 when the contract is drafted …
    edit(prod, "podSecurityContext: {}", "podSecurityContext:\n  runAsUser: 1000");
    const file = await init(ws, podinfoHelm);
    expect(loadContract(file).contract.permissions?.uid).toBe(1000);
    // … and a later change makes it root
    edit(prod, "runAsUser: 1000", "runAsUser: 0");
    const [failed] = await failures(file);
    expect(failed?.check).toMatch(/securityContext/);
    expect(failed?.message).toMatch(/charts\/podinfo\/values-prod\.yaml: podSecurityContext\.runAsUser/);
    expect(failed?.message).toMatch(/runAsUser/);
  });
});
