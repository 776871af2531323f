import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { startK8sReplay } from "../k8s-replay/start-replay.ts";
import { PollTimeoutError } from "../poll.ts";
import { RemoteError } from "../remote-errors.ts";
import { readClusterEnv } from "./cluster-env.ts";
import { ClusterCheckError } from "./errors.ts";
import { clientsForKubeconfig, loadKubeConfig } from "./kube-client.ts";
import { markerPathFor, volumeBehind } from "./restart-smoke.ts";
import { watchUntil } from "./watch-until.ts";

describe("cluster environment", () => {
  it("defaults the wait to 300 s and names a bad K8S_WAIT_TIMEOUT_SECONDS", () => {
    expect(readClusterEnv({}, "/nonexistent").waitTimeoutMs).toBe(300_000);
    expect(() => readClusterEnv({ K8S_WAIT_TIMEOUT_SECONDS: "5m" })).toThrow(EnvValueError);
    expect(() => readClusterEnv({ K8S_WAIT_TIMEOUT_SECONDS: "5m" })).toThrow(
      'K8S_WAIT_TIMEOUT_SECONDS="5m" is not allowed',
    );
  });

  it("self-test: no kubeconfig file fails naming KUBECONFIG", { tags: ["self-test"] }, () => {
    expect(() => loadKubeConfig({ KUBECONFIG: "/nonexistent/kubeconfig" })).toThrow(ClusterCheckError);
    expect(() => loadKubeConfig({ KUBECONFIG: "/nonexistent/kubeconfig" })).toThrow(
      /no kubeconfig file at KUBECONFIG=\/nonexistent\/kubeconfig/,
    );
  });

  it("merges several KUBECONFIG files, the first one's context winning", () => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-kubeconfig-"));
    try {
      const file = (name: string, server: string) => {
        const path = join(dir, name);
        writeFileSync(
          path,
          JSON.stringify({
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name, cluster: { server, "insecure-skip-tls-verify": true } }],
            users: [{ name, user: { token: "t" } }],
            contexts: [{ name, context: { cluster: name, user: name } }],
            "current-context": name,
          }),
        );
        return path;
      };
      const kc = loadKubeConfig({
        KUBECONFIG: `${file("a", "http://127.0.0.1:1")}:${file("b", "http://127.0.0.1:2")}`,
      });
      expect(kc.getCurrentContext()).toBe("a");
      expect(kc.getContexts().map((c) => c.name)).toEqual(["a", "b"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("watchUntil", () => {
  it("self-test: a wait that never holds times out on the virtual clock, naming the condition and the last state", {
    tags: ["self-test"],
  }, async () => {
    await using replay = await startK8sReplay("fixtures/k8s-cluster/pvc-pending.har");
    const { kc, core } = clientsForKubeconfig(replay.kubeconfigPath);
    const attempt = watchUntil({
      kc,
      condition: "every PVC is Bound",
      path: "/api/v1/namespaces/observer-prod/persistentvolumeclaims",
      list: () => core.listNamespacedPersistentVolumeClaim({ namespace: "observer-prod" }),
      evaluate: (items) => ({
        done: items.every((p) => p.status?.phase === "Bound"),
        state: items.map((p) => p.status?.phase).join(","),
      }),
      timeoutMs: 120_000,
      clock: replay.clock,
    });
    await expect(attempt).rejects.toBeInstanceOf(PollTimeoutError);
    await expect(attempt).rejects.toThrow(
      "Timed out after 120s waiting until every PVC is Bound; last observed state: Pending",
    );
  });

  it("self-test: a watch the server refuses (4xx) fails at once instead of looping until the deadline", {
    tags: ["self-test"],
  }, async () => {
    await using replay = await startK8sReplay("fixtures/k8s-cluster/healthy.har");
    const { kc } = clientsForKubeconfig(replay.kubeconfigPath);
    const attempt = watchUntil<V1Pod, never>({
      kc,
      condition: "never",
      path: "/api/v1/namespaces/observer-prod/pods",
      list: async () => ({ items: [] }),
      evaluate: () => ({ done: false, state: "waiting" }),
      timeoutMs: 3_600_000,
      clock: replay.clock,
    });
    await expect(attempt).rejects.toBeInstanceOf(RemoteError);
    await expect(attempt).rejects.toMatchObject({ kind: "Permanent", status: 400 });
  });
});

describe("restart smoke helpers", () => {
  const podWith = (volume: Record<string, unknown>): V1Pod =>
    ({
      spec: {
        containers: [
          {
            name: "observer",
            volumeMounts: [{ name: "runtime", mountPath: "/opt/platform/runtime/observer/data", subPath: "data" }],
          },
        ],
        volumes: [{ name: "runtime", ...volume }],
      },
    }) as V1Pod;

  it("names the volume behind the data directory", () => {
    const dir = "/opt/platform/runtime/observer/data";
    expect(volumeBehind(podWith({ persistentVolumeClaim: { claimName: "observer-runtime" } }), "observer", dir)).toBe(
      `${dir} is volume runtime (PVC observer-runtime)`,
    );
    expect(volumeBehind(podWith({ emptyDir: {} }), "observer", dir)).toBe(
      `${dir} is volume runtime (emptyDir — deleted with the pod)`,
    );
    expect(volumeBehind(podWith({ emptyDir: {} }), "observer", "/srv/data")).toBe(
      "no volume is mounted at /srv/data (the container's own filesystem)",
    );
  });

  it("self-test: a marker id that could break out of the shell quoting is refused", { tags: ["self-test"] }, () => {
    expect(markerPathFor("/data/", "20260205T031500Z-4f2a9c")).toBe("/data/.smokebook-marker-20260205T031500Z-4f2a9c");
    expect(() => markerPathFor("/data", "x'; rm -rf /")).toThrow(/must match/);
  });
});
