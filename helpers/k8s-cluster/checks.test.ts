import type { V1ConfigMap, V1Pod, V1Secret, V1Service } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { redactText } from "../redact.ts";
import type { CheckContext } from "./check-context.ts";
import { CONFIG_CRITERION, checkRequiredConfig } from "./config-check.ts";
import type { DeploymentFacts } from "./deployment-check.ts";
import { ClusterCheckError } from "./errors.ts";
import type { KubeClients } from "./kube-client.ts";
import { checkPodsHealthy, podProblem } from "./pod-check.ts";
import { summarizePod } from "./pod-status.ts";
import { pvcEvaluation } from "./pvc-check.ts";
import { checkService, resolveTargetPort } from "./service-check.ts";
import { replayTarget } from "./target.ts";

const target = replayTarget();

const facts: DeploymentFacts = {
  name: "observer",
  matchLabels: { app: "observer" },
  templateLabels: { app: "observer", "app.kubernetes.io/name": "observer" },
  claims: ["observer-runtime"],
  configMapRefs: ["observer-config"],
  secretRefs: ["observer-kis-credentials"],
  namedPorts: { http: 8000 },
  containerPorts: [8000],
};

function pod(status: Record<string, unknown>, name = "observer-1"): V1Pod {
  return {
    metadata: { name, uid: name, labels: { app: "observer" } },
    spec: { containers: [{ name: "observer" }] },
    status,
  } as V1Pod;
}

const running = pod({
  phase: "Running",
  containerStatuses: [
    { name: "observer", ready: true, restartCount: 0, image: "i", imageID: "", state: { running: {} } },
  ],
});

describe("pods are Running, all containers ready, 0 restarts", () => {
  it("passes a running ready pod without restarts", () => {
    expect(checkPodsHealthy([running], { target }).map((s) => s.ready)).toEqual(["1/1"]);
  });

  it("self-test: a ready pod that restarted fails, naming restarts and the last termination reason", {
    tags: ["self-test"],
  }, () => {
    const restarted = pod({
      phase: "Running",
      containerStatuses: [
        {
          name: "observer",
          ready: true,
          restartCount: 2,
          image: "i",
          imageID: "",
          state: { running: {} },
          lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } },
        },
      ],
    });
    expect(podProblem(summarizePod(restarted))).toBe(
      "pod observer-1: Running, ready 1/1, restarts 2, last termination reason: observer: OOMKilled (exit code 137)",
    );
    expect(() => checkPodsHealthy([running, restarted], { target })).toThrow(ClusterCheckError);
  });

  it("self-test: no pods at all fails naming the deployment", { tags: ["self-test"] }, () => {
    expect(() => checkPodsHealthy([], { target })).toThrow("no pods match deployment observer-prod/observer");
  });
});

describe("every PVC is Bound", () => {
  it("self-test: a claim the Deployment mounts but that does not exist keeps the wait going and is named", {
    tags: ["self-test"],
  }, () => {
    const bound = { metadata: { name: "other" }, status: { phase: "Bound" } };
    expect(pvcEvaluation([bound], ["observer-runtime"])).toMatchObject({
      done: false,
      state: "other=Bound, missing: observer-runtime",
    });
    expect(
      pvcEvaluation([{ metadata: { name: "observer-runtime" }, status: { phase: "Bound" } }], ["observer-runtime"])
        .done,
    ).toBe(true);
  });
});

describe("Service exposes the contract port and selects the Deployment's pods", () => {
  const service = (spec: Record<string, unknown>): V1Service => ({ metadata: { name: "observer" }, spec }) as V1Service;

  it("resolves named and numeric targetPorts", () => {
    expect(resolveTargetPort({ port: 80, targetPort: "http" as unknown as number }, { http: 8000 })).toBe(8000);
    expect(resolveTargetPort({ port: 8000 }, {})).toBe(8000);
  });

  it("passes the manifests' Service", () => {
    const s = service({ selector: { app: "observer" }, ports: [{ port: 8000, targetPort: 8000 }] });
    expect(checkService(s, facts, [running], { target }).port).toBe(8000);
  });

  it("self-test: a targetPort that misses the contract port, and a selector that selects nothing, both fail by name", {
    tags: ["self-test"],
  }, () => {
    const s = service({ selector: { app: "observer-v2" }, ports: [{ port: 80, targetPort: 8080 }] });
    expect(() => checkService(s, facts, [running], { target })).toThrow(
      "service observer-prod/observer has no port whose targetPort reaches container port 8000 (ports: 80→8080); service observer-prod/observer selector app=observer-v2 does not select deployment observer's pod labels",
    );
  });
});

function stubCore(objects: Record<string, V1ConfigMap | V1Secret>): CheckContext {
  const read =
    (kind: string) =>
    async ({ name }: { name: string }) => {
      const found = objects[`${kind}/${name}`];
      if (!found) throw Object.assign(new Error(`${kind} ${name} not found`), { code: 404 });
      return found;
    };
  const core = { readNamespacedSecret: read("Secret"), readNamespacedConfigMap: read("ConfigMap") };
  return {
    clients: { core } as unknown as KubeClients,
    target,
    clock: { now: () => 0, sleep: async () => undefined },
    waitTimeoutMs: 1000,
  };
}

describe("required Secrets and ConfigMaps exist with their keys", () => {
  const configMap = { data: { OBSERVER_RUNTIME_ROOT: "/opt", SERVICE_PORT: "8000", OBSERVER_LOG_LEVEL: "info" } };
  const secretValue = "kis-app-secret-value-123";

  it("reads keys only: the Secret's values are registered for redaction and never returned", async () => {
    const secret: V1Secret = {
      data: {
        KIS_APP_KEY: Buffer.from("kis-key-value-456").toString("base64"),
        KIS_APP_SECRET: Buffer.from(secretValue).toString("base64"),
      },
    };
    const objects = await checkRequiredConfig(
      stubCore({ "ConfigMap/observer-config": configMap, "Secret/observer-kis-credentials": secret }),
      facts,
    );
    expect(objects).toEqual([
      {
        kind: "ConfigMap",
        name: "observer-config",
        keys: ["OBSERVER_LOG_LEVEL", "OBSERVER_RUNTIME_ROOT", "SERVICE_PORT"],
      },
      { kind: "Secret", name: "observer-kis-credentials", keys: ["KIS_APP_KEY", "KIS_APP_SECRET"] },
    ]);
    expect(JSON.stringify(objects)).not.toContain(secretValue);
    expect(redactText(`leaked ${secretValue}`)).toBe("leaked [REDACTED]");
  });

  it("self-test: a missing Secret and a ConfigMap without a required key fail, each named", {
    tags: ["self-test"],
  }, async () => {
    const partial = { data: { OBSERVER_RUNTIME_ROOT: "/opt", SERVICE_PORT: "8000" } };
    const attempt = checkRequiredConfig(stubCore({ "ConfigMap/observer-config": partial }), facts);
    await expect(attempt).rejects.toMatchObject({ code: "K8S_CONFIG_MISSING", criterion: CONFIG_CRITERION });
    await expect(attempt).rejects.toThrow(
      /Secret observer-prod\/observer-kis-credentials does not exist; .*required variable\(s\) OBSERVER_LOG_LEVEL are in no ConfigMap the Deployment references \(contract env\); required variable\(s\) KIS_APP_KEY, KIS_APP_SECRET are in no Secret/,
    );
  });

  it("self-test: a Secret lacking a key the contract declares fails naming the key", {
    tags: ["self-test"],
  }, async () => {
    const secret: V1Secret = { data: { KIS_APP_KEY: "" } };
    const attempt = checkRequiredConfig(
      stubCore({ "ConfigMap/observer-config": configMap, "Secret/observer-kis-credentials": secret }),
      facts,
    );
    await expect(attempt).rejects.toThrow(
      "Secret observer-kis-credentials lacks key(s) KIS_APP_SECRET (contract kubernetes.external)",
    );
  });
});
