/**
 * The real kubectl against a replay (suites/k8s/k8s-replay-kubectl.test.ts): run with KUBECONFIG and a throwaway
 * KUBECACHEDIR (so ~/.kube/cache stays untouched), never failing on a non-zero exit — the caller asserts on it.
 * Without kubectl on PATH a check is skipped (a failure under SMOKEBOOK_STRICT=1).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "vitest";
import { run } from "../process/run.ts";
import { skipOrFail } from "../smoke.ts";

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function kubectl(args: string[], kubeconfig: string, cacheDir: string): Promise<KubectlResult> {
  const result = await run(["kubectl", ...args], {
    env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cacheDir },
    timeoutMs: 30_000,
  });
  return { code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const kubectlAvailable = run(["kubectl", "version", "--client"], { timeoutMs: 10_000 }).then((r) => r.exitCode === 0);

export async function requireKubectl(ctx: TestContext): Promise<void> {
  if (!(await kubectlAvailable))
    skipOrFail(ctx, "kubectl is not on PATH (install kubectl 1.32 to check the replay server with it)");
}

export function withKubectlCache<T>(fn: (cacheDir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-kubectl-cache-"));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}
