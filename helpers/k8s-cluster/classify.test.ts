import { describe, expect, it } from "vitest";
import { classify } from "./classify.ts";
import type { ClusterDiagnostics, PodDiagnostics } from "./diagnostics.ts";
import type { ContainerSummary } from "./pod-status.ts";

function container(overrides: Partial<ContainerSummary> = {}): ContainerSummary {
  return { name: "observer", ready: false, restartCount: 0, state: "waiting", ...overrides };
}

function podDiag(overrides: Partial<PodDiagnostics> = {}): PodDiagnostics {
  return {
    name: "observer-abc",
    uid: "u",
    phase: "Running",
    ready: "0/1",
    allReady: false,
    restarts: 0,
    status: "Running",
    deleting: false,
    containers: [container()],
    node: "n",
    events: [],
    logTail: [],
    previousLogTail: [],
    ...overrides,
  };
}

function diag(pods: PodDiagnostics[], pvcPhase = "Bound"): ClusterDiagnostics {
  return {
    namespace: "observer-prod",
    deployment: "observer",
    deploymentStatus: "",
    pvcs: [{ name: "observer-runtime", phase: pvcPhase, storageClass: "local-path", events: [] }],
    pods,
    unavailable: [],
  };
}

const event = (reason: string, message: string) => ({ type: "Warning", reason, message, count: 1, last: "" });

describe("classify (seed 004 §6.1 step 4)", () => {
  it("PVC Pending → storage, before anything the pods show", () => {
    const c = classify(
      diag([podDiag({ containers: [container({ waitingReason: "CrashLoopBackOff", restartCount: 3 })] })], "Pending"),
    );
    expect(c).toMatchObject({
      kind: "storage",
      label: "PVC Pending → storage",
      evidence: "PVC observer-runtime is Pending",
    });
  });

  it("a pod unschedulable for an unbound claim → storage, a FailedMount → storage", () => {
    expect(
      classify(
        diag([
          podDiag({
            node: undefined,
            phase: "Pending",
            events: [
              event("FailedScheduling", "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims."),
            ],
          }),
        ]),
      ).kind,
    ).toBe("storage");
    expect(
      classify(diag([podDiag({ events: [event("FailedMount", "MountVolume.SetUp failed for volume")] })])).kind,
    ).toBe("storage");
  });

  it("self-test: a scheduled, crash-looping pod's FailedScheduling from before its claim bound is not storage", {
    tags: ["self-test"],
  }, () => {
    const c = classify(
      diag([
        podDiag({
          events: [
            event("FailedScheduling", "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims."),
            event("BackOff", "Back-off restarting failed container observer"),
          ],
          containers: [container({ waitingReason: "CrashLoopBackOff", restartCount: 3 })],
        }),
      ]),
    );
    expect(c.kind).toBe("container-start");
  });

  it("ImagePullBackOff / ErrImagePull → image/registry", () => {
    expect(classify(diag([podDiag({ containers: [container({ waitingReason: "ImagePullBackOff" })] })]))).toMatchObject(
      {
        kind: "image-registry",
        hint: "check GHCR authentication and the image tag",
      },
    );
    expect(classify(diag([podDiag({ containers: [container({ waitingReason: "ErrImagePull" })] })])).kind).toBe(
      "image-registry",
    );
  });

  it("a crash loop whose log says EACCES → fsGroup/runAsUser, not container start", () => {
    const pod = podDiag({
      restarts: 4,
      containers: [container({ waitingReason: "CrashLoopBackOff", restartCount: 4 })],
      previousLogTail: [
        "Error: EACCES: permission denied, open '/opt/platform/runtime/observer/data/observations.jsonl'",
      ],
    });
    expect(classify(diag([pod]))).toMatchObject({ kind: "permissions", label: "permission error → fsGroup/runAsUser" });
  });

  it("CrashLoopBackOff with restarts → container start, naming restarts and the last termination", () => {
    const pod = podDiag({
      containers: [
        container({
          waitingReason: "CrashLoopBackOff",
          restartCount: 5,
          lastTermination: { reason: "Error", exitCode: 2 },
        }),
      ],
    });
    expect(classify(diag([pod]))).toMatchObject({
      kind: "container-start",
      evidence:
        "pod observer-abc container observer: CrashLoopBackOff, restarts 5, last termination Error (exit code 2)",
    });
  });

  it("CreateContainerConfigError → configuration; other FailedScheduling → scheduling; nothing known → unknown", () => {
    expect(
      classify(
        diag([
          podDiag({
            containers: [
              container({ waitingReason: "CreateContainerConfigError", waitingMessage: 'secret "x" not found' }),
            ],
          }),
        ]),
      ).kind,
    ).toBe("configuration");
    expect(
      classify(
        diag([
          podDiag({
            containers: [],
            events: [event("FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.")],
          }),
        ]),
      ).kind,
    ).toBe("scheduling");
    expect(classify(diag([]))).toMatchObject({ kind: "unknown", evidence: "no pods found for the Deployment" });
  });
});
