// @module-tag k8s
/**
 * The K8s replay server speaks enough of the Kubernetes API for the real kubectl (1.32): `npm run replay:k8s --
 * <scenario>` prints a kubeconfig path, and `kubectl get pods|pvc|deploy|svc` against it show the recording —
 * version check, aggregated discovery and server-side Tables included. Stopping the script (SIGTERM, SIGHUP, or a
 * killed `npm run` parent) stops its server and removes the kubeconfig. Without kubectl on PATH the kubectl checks
 * are skipped (a failure under SMOKEBOOK_STRICT=1).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { kubectl, requireKubectl, withKubectlCache } from "../../helpers/k8s-replay/kubectl-cli.ts";
import { exited, portClosed, scriptStarted } from "../../helpers/k8s-replay/script-process.ts";
import { startK8sReplay } from "../../helpers/k8s-replay/start-replay.ts";
import { fromRoot, repoRoot } from "../../helpers/paths.ts";

describe("kubectl against the K8s replay server", { tags: ["k8s", "replay"] }, () => {
  it("kubectl get pods / get pvc show the healthy recording", async (ctx) => {
    await requireKubectl(ctx);
    await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
    await withKubectlCache(async (cache) => {
      const pods = await kubectl(["get", "pods"], replay.kubeconfigPath, cache);
      expect(pods.stderr).toBe("");
      expect(pods.code).toBe(0);
      expect(pods.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
      expect(pods.stdout).toMatch(/^observer-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+$/m);
      const pvc = await kubectl(["get", "pvc"], replay.kubeconfigPath, cache);
      expect(pvc.stdout).toMatch(
        /^observer-runtime\s+Bound\s+local-observer-prod-observer-runtime\s+5Gi\s+RWO\s+local-path\s/m,
      );
    });
    expect(replay.server.unmatched()).toEqual([]);
  });

  it("kubectl get deploy -n observer-prod / get svc show the healthy recording's Deployment and Service", async (ctx) => {
    await requireKubectl(ctx);
    await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
    await withKubectlCache(async (cache) => {
      const deploy = await kubectl(["get", "deploy", "-n", "observer-prod"], replay.kubeconfigPath, cache);
      expect(deploy.stderr).toBe("");
      expect(deploy.code).toBe(0);
      expect(deploy.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
      expect(deploy.stdout).toMatch(/^observer\s+1\/1\s+1\s+1\s+\S+$/m);
      const svc = await kubectl(["get", "svc"], replay.kubeconfigPath, cache);
      expect(svc.stderr).toBe("");
      expect(svc.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n/);
      expect(svc.stdout).toMatch(/^observer\s+ClusterIP\s+10\.0\.0\.\d+\s+<none>\s+8000\/TCP\s+\S+$/m);
      const wide = await kubectl(["get", "deploy", "-o", "wide"], replay.kubeconfigPath, cache);
      expect(wide.stdout).toMatch(
        /^observer\s+1\/1\s+1\s+1\s+\S+\s+observer\s+ghcr\.io\/example\/observer:\S+\s+app=observer$/m,
      );
    });
    expect(replay.server.unmatched()).toEqual([]);
  });

  it("self-test: kubectl shows the failure a recording holds (CrashLoopBackOff with restarts)", {
    tags: ["self-test"],
  }, async (ctx) => {
    await requireKubectl(ctx);
    await using replay = await startK8sReplay("fixtures/k8s-cluster/crashloop.har");
    await withKubectlCache(async (cache) => {
      const pods = await kubectl(["get", "pods"], replay.kubeconfigPath, cache);
      expect(pods.stdout).toMatch(
        /^observer-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+(CrashLoopBackOff|Error)\s+[1-9]\d* \(\S+ ago\)\s+\S+$/m,
      );
    });
  });

  it("self-test: a request the recording lacks is answered 400 naming it, and kubectl says so", async (ctx) => {
    await requireKubectl(ctx);
    await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
    await withKubectlCache(async (cache) => {
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
      await withKubectlCache(async (cache) => {
        const pods = await kubectl(["get", "pods"], firstLine, cache);
        expect(pods.stdout).toMatch(
          /^observer-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+(ImagePullBackOff|ErrImagePull)\s+0\s+\S+$/m,
        );
      });
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.end();
      await exited;
    }
  });
});

describe("stopping npm run replay:k8s", { tags: ["k8s", "replay"] }, () => {
  // Node 24 first on PATH: the script is TypeScript run by node's type stripping (npm runs `node scripts/…`).
  const env = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter) };

  it.each(["SIGTERM", "SIGHUP", "SIGINT"] as const)(
    "self-test: %s stops the server and removes the kubeconfig folder",
    { tags: ["self-test"] },
    async (signal) => {
      const child = spawn(process.execPath, [fromRoot("scripts/replay-k8s.ts"), "healthy"], {
        cwd: repoRoot,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        const { kubeconfig, port } = await scriptStarted(child);
        expect(existsSync(kubeconfig)).toBe(true);
        child.kill(signal);
        expect(await exited(child)).toBe(0);
        expect(existsSync(dirname(kubeconfig))).toBe(false);
        expect(await portClosed(port)).toBe(true);
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  );

  it("self-test: SIGTERM to `npm run replay:k8s` (which does not reach node) still stops the server", {
    tags: ["self-test"],
    timeout: 60_000,
  }, async () => {
    // npm runs the script through `sh -c`, and forwards SIGTERM to that shell only: node must notice its parent left.
    const npm = spawn("npm", ["run", "--silent", "replay:k8s", "--", "healthy"], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const { kubeconfig, port } = await scriptStarted(npm);
      npm.kill("SIGTERM");
      await exited(npm);
      expect(await portClosed(port)).toBe(true);
      expect(existsSync(dirname(kubeconfig))).toBe(false);
    } finally {
      // Whatever is left of the group this test started (npm, its shell, node): nothing else is signalled.
      try {
        if (npm.pid !== undefined) process.kill(-npm.pid, "SIGKILL");
      } catch {
        // the group is already gone
      }
    }
  });
});
