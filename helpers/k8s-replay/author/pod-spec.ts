/**
 * What a pod's spec says about the workload's container (image, ports, envFrom, mounts, probes) and its volumes,
 * shared by the Pod objects and the Deployment's pod template.
 */
import type { Workload } from "./workload.ts";

export function containerSpec(w: Workload) {
  const probe = {
    httpGet: { path: w.health, port: w.port.name, scheme: "HTTP" },
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  };
  return {
    name: w.container,
    image: w.image,
    ports: [{ name: w.port.name, containerPort: w.port.number, protocol: "TCP" }],
    envFrom: [
      ...w.envFrom.configMaps.map((name) => ({ configMapRef: { name } })),
      ...w.envFrom.secrets.map((name) => ({ secretRef: { name } })),
    ],
    resources: {},
    volumeMounts: [
      ...w.volume.mounts.map((m) => ({
        name: w.volume.name,
        mountPath: m.path,
        ...(m.subPath ? { subPath: m.subPath } : {}),
      })),
      { name: "kube-api-access-7xk2d", readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" },
    ],
    livenessProbe: { ...probe, initialDelaySeconds: 10, periodSeconds: 20 },
    readinessProbe: { ...probe, periodSeconds: 10 },
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    imagePullPolicy: "IfNotPresent",
    securityContext: { allowPrivilegeEscalation: false },
  };
}

export function podVolumes(w: Workload) {
  const data = w.volume.claim
    ? { name: w.volume.name, persistentVolumeClaim: { claimName: w.volume.claim } }
    : { name: w.volume.name, emptyDir: {} };
  return [data];
}
