/**
 * The real kubectl against a replay (suites/k8s/k8s-replay-kubectl.test.ts): run with KUBECONFIG and a throwaway
 * KUBECACHEDIR (so ~/.kube/cache stays untouched), never failing on a non-zero exit — the caller asserts on it.
 * Without kubectl on PATH a check is skipped (a failure under SMOKEBOOK_STRICT=1).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "vitest";
import { skipOrFail } from "../smoke.ts";

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectl(args: string[], kubeconfig: string, cacheDir: string): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      "kubectl",
      args,
      { env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cacheDir }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const kubectlAvailable = new Promise<boolean>((resolve) => {
  execFile("kubectl", ["version", "--client"], { timeout: 10_000 }, (error) => resolve(!error));
});

export async function requireKubectl(ctx: TestContext): Promise<void> {
  if (!(await kubectlAvailable))
    skipOrFail(ctx, "kubectl is not on PATH (install kubectl 1.32 to check the replay server with it)");
}

export function withKubectlCache<T>(fn: (cacheDir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-kubectl-cache-"));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}
