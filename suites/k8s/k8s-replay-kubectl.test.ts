// @module-tag k8s
/**
 * The K8s replay server speaks enough of the Kubernetes API for the real kubectl (1.32): `npm run replay:k8s --
 * <scenario>` prints a kubeconfig path, and `kubectl get pods` / `get pvc` against it show the recording — version
 * check, aggregated discovery and server-side Tables included. Without kubectl on PATH the checks are skipped
 * (a failure under SMOKEBOOK_STRICT=1).
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it, type TestContext } from "vitest";
import { startK8sReplay } from "../../helpers/k8s-replay/start-replay.ts";
import { fromRoot, repoRoot } from "../../helpers/paths.ts";
import { skipOrFail } from "../../helpers/smoke.ts";

interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(args: string[], kubeconfig: string, cacheDir: string): Promise<KubectlResult> {
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

async function requireKubectl(ctx: TestContext): Promise<void> {
  if (!(await kubectlAvailable))
    skipOrFail(ctx, "kubectl is not on PATH (install kubectl 1.32 to check the replay server with it)");
}

function withCache<T>(fn: (cacheDir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-kubectl-cache-"));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe("kubectl against the K8s replay server", { tags: ["k8s", "replay"] }, () => {
  it("kubectl get pods / get pvc show the healthy recording", async (ctx) => {
    await requireKubectl(ctx);
    await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
    await withCache(async (cache) => {
      const pods = await kubectl(["get", "pods"], replay.kubeconfigPath, cache);
      expect(pods.stderr).toBe("");
      expect(pods.code).toBe(0);
      expect(pods.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
      expect(pods.stdout).toMatch(/^observer-6c9f7d5b8d-x7k2p\s+1\/1\s+Running\s+0\s+\S+$/m);
      const pvc = await kubectl(["get", "pvc"], replay.kubeconfigPath, cache);
      expect(pvc.stdout).toMatch(/^observer-runtime\s+Bound\s+pvc-\S+\s+5Gi\s+RWO\s+local-path\s/m);
    });
    expect(replay.server.unmatched()).toEqual([]);
  });

  it("self-test: kubectl shows the failure a recording holds (CrashLoopBackOff with restarts)", {
    tags: ["self-test"],
  }, async (ctx) => {
    await requireKubectl(ctx);
    await using replay = await startK8sReplay("fixtures/k8s-cluster/crashloop.har");
    await withCache(async (cache) => {
      const pods = await kubectl(["get", "pods"], replay.kubeconfigPath, cache);
      expect(pods.stdout).toMatch(/^observer-6c9f7d5b8d-x7k2p\s+0\/1\s+CrashLoopBackOff\s+5 \(\S+ ago\)\s+\S+$/m);
    });
  });

  it("self-test: a request the recording lacks is answered 400 naming it, and kubectl says so", async (ctx) => {
    await requireKubectl(ctx);
    await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
    await withCache(async (cache) => {
      const result = await kubectl(["get", "pods", "-n", "kube-system"], replay.kubeconfigPath, cache);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(
        /smokebook replay: GET \/api\/v1\/namespaces\/kube-system\/pods\?limit=500 is not in recording fixtures\/k8s-cluster\/healthy\.har/,
      );
    });
  });

  it("node scripts/replay-k8s.ts <scenario> prints a kubeconfig path that kubectl can use", async (ctx) => {
    await requireKubectl(ctx);
    const child = spawn(
      process.execPath,
      [fromRoot("scripts/replay-k8s.ts"), "image-pull-backoff", "--until-stdin-closes"],
      {
        cwd: repoRoot,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`replay-k8s exited ${code} before printing a kubeconfig path`)));
      });
      expect(firstLine).toMatch(/smokebook-k8s-replay-.*\/kubeconfig$/);
      await withCache(async (cache) => {
        const pods = await kubectl(["get", "pods"], firstLine, cache);
        expect(pods.stdout).toMatch(/^observer-6c9f7d5b8d-x7k2p\s+0\/1\s+ImagePullBackOff\s+0\s+\S+$/m);
      });
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.end();
      await exited;
    }
  });
});
