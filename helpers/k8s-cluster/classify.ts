/**
 * Seed 004 §6.1 step 4 as code: what `kubectl describe pod / logs / events` shows, mapped to the layer to fix.
 *   PVC Pending        → storage           (StorageClass, node storage)
 *   ImagePullBackOff   → image/registry    (GHCR auth, image tag)
 *   permission errors  → fsGroup/runAsUser (securityContext vs. volume ownership)
 *   CrashLoopBackOff   → container start   (read the container log)
 * Checked in that order: a crash-looping container whose log says "Permission denied" is a permissions problem,
 * a pod that cannot schedule because its claim is unbound is a storage problem (a scheduled pod's earlier
 * FailedScheduling from before its claim bound is not: seen on a real cluster, scripts/k8s-scenarios.ts crashloop).
 */
import type { ClusterDiagnostics } from "./diagnostics.ts";

export type FailureClass =
  | "storage"
  | "image-registry"
  | "permissions"
  | "configuration"
  | "container-start"
  | "scheduling"
  | "unknown";

export interface Classification {
  kind: FailureClass;
  /** As the seed names it: "PVC Pending → storage". */
  label: string;
  /** Where to look. */
  hint: string;
  /** The observation that decided it. */
  evidence: string;
}

const LABELS: Record<FailureClass, { label: string; hint: string }> = {
  storage: {
    label: "PVC Pending → storage",
    hint: "check the StorageClass and node storage (kubectl get pvc, describe pvc)",
  },
  "image-registry": { label: "ImagePullBackOff → image/registry", hint: "check GHCR authentication and the image tag" },
  permissions: {
    label: "permission error → fsGroup/runAsUser",
    hint: "check securityContext fsGroup/runAsUser against the volume",
  },
  configuration: {
    label: "CreateContainerConfigError → configuration",
    hint: "a referenced ConfigMap/Secret or key is missing",
  },
  "container-start": {
    label: "CrashLoopBackOff → container start",
    hint: "the container fails at start: read its log",
  },
  scheduling: { label: "FailedScheduling → resources/nodes", hint: "check node capacity, taints and affinity" },
  unknown: { label: "unclassified", hint: "read the events and logs attached to the evidence" },
};

const PERMISSION = /permission denied|EACCES|EPERM|operation not permitted|read-only file system|runAsNonRoot/i;
const IMAGE = /^(ImagePullBackOff|ErrImagePull|InvalidImageName|ErrImageNeverPull)$/;

function make(kind: FailureClass, evidence: string): Classification {
  return { kind, ...LABELS[kind], evidence };
}

export function classify(d: ClusterDiagnostics): Classification {
  const pendingPvc = d.pvcs.find((p) => p.phase !== "Bound");
  if (pendingPvc) return make("storage", `PVC ${pendingPvc.name} is ${pendingPvc.phase}`);
  for (const pod of d.pods) {
    // Only while the pod is still unscheduled: a pod applied with its claim often meets one FailedScheduling
    // before the claim binds, and that old event must not hide why the scheduled pod fails now.
    const unbound = pod.events.find((e) => e.reason === "FailedScheduling" && /PersistentVolumeClaim/i.test(e.message));
    if (unbound && !pod.node) return make("storage", `pod ${pod.name}: ${unbound.reason}: ${unbound.message}`);
    const mount = pod.events.find((e) => e.reason === "FailedMount" || e.reason === "FailedAttachVolume");
    if (mount) return make("storage", `pod ${pod.name}: ${mount.reason}: ${mount.message}`);
  }
  for (const pod of d.pods) {
    const image = pod.containers.find((c) => IMAGE.test(c.waitingReason ?? ""));
    if (image) return make("image-registry", `pod ${pod.name} container ${image.name}: ${image.waitingReason}`);
  }
  for (const pod of d.pods) {
    const texts = [
      ...pod.logTail,
      ...pod.previousLogTail,
      ...pod.containers.flatMap((c) => [c.waitingMessage ?? "", c.lastTermination?.message ?? ""]),
      ...pod.events.map((e) => e.message),
    ];
    const hit = texts.find((t) => PERMISSION.test(t));
    if (hit) return make("permissions", `pod ${pod.name}: ${hit.trim().slice(0, 200)}`);
  }
  for (const pod of d.pods) {
    const config = pod.containers.find((c) => c.waitingReason === "CreateContainerConfigError");
    if (config) return make("configuration", `pod ${pod.name}: ${config.waitingMessage ?? config.waitingReason}`);
  }
  for (const pod of d.pods) {
    const crash = pod.containers.find(
      (c) => c.waitingReason === "CrashLoopBackOff" || c.restartCount > 0 || c.lastTermination?.reason === "Error",
    );
    if (crash) {
      const last = crash.lastTermination;
      const how = last ? `, last termination ${last.reason ?? "?"} (exit code ${last.exitCode ?? "?"})` : "";
      return make(
        "container-start",
        `pod ${pod.name} container ${crash.name}: ${crash.waitingReason ?? "restarting"}, restarts ${crash.restartCount}${how}`,
      );
    }
  }
  for (const pod of d.pods) {
    const scheduling = pod.events.find((e) => e.reason === "FailedScheduling");
    if (scheduling) return make("scheduling", `pod ${pod.name}: ${scheduling.message}`);
  }
  return make("unknown", d.pods.length === 0 ? "no pods found for the Deployment" : "no known failure pattern");
}
