/**
 * What the rendered manifests say about one workload's container: image and tag, ports, command-line arguments,
 * env and envFrom with each value's source, volume mounts with their volume's kind, the effective securityContext,
 * the probes, and the Service that selects its pods.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { IService } from "kubernetes-models/v1/Service";
import type { K8sObject } from "../k8s/kustomize.ts";
import { InitError } from "./pick-workload.ts";

export type EnvValueSource =
  | { source: "literal"; value: string }
  | { source: "configmap"; object: string; key: string; optional: boolean; rendered: boolean }
  | { source: "secret"; object: string; key: string; optional: boolean; rendered: boolean }
  | { source: "fieldRef"; fieldPath: string }
  | { source: "other"; detail: string };

export interface EnvFact {
  name: string;
  from: EnvValueSource;
}

export type VolumeKind = "persistent" | "ephemeral" | "config" | "other";

export interface MountFact {
  mountPath: string;
  volume: string;
  kind: VolumeKind;
  /** "persistentVolumeClaim my-claim", "emptyDir", "configMap app-config" */
  detail: string;
  claim?: string | undefined;
}

export interface ImageFact {
  reference: string;
  repository: string;
  tag?: string | undefined;
  digest?: string | undefined;
}

export interface WorkloadFacts {
  kind: string;
  name: string;
  namespace?: string | undefined;
  container: IContainer;
  containerNames: string[];
  image: ImageFact;
  ports: Array<{ containerPort: number; name?: string | undefined }>;
  argv: string[];
  env: EnvFact[];
  /** Variables envFrom brings in: from a rendered ConfigMap/Secret, with their keys; else only the object's name. */
  envFrom: Array<{ source: "configmap" | "secret"; object: string; keys: string[]; rendered: boolean }>;
  mounts: MountFact[];
  security: { runAsUser?: number; runAsGroup?: number; fsGroup?: number; runAsNonRoot?: boolean };
  probes: { readiness?: IProbe; liveness?: IProbe; startup?: IProbe };
  service?: IService | undefined;
  /** PersistentVolumeClaims the render itself holds. */
  renderedClaims: string[];
}

export function parseImage(reference: string): ImageFact {
  const [withoutDigest, digest] = reference.split("@", 2) as [string, string | undefined];
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > slash;
  return {
    reference,
    repository: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
    tag: hasTag ? withoutDigest.slice(colon + 1) : undefined,
    digest,
  };
}

function find(objects: ReadonlyArray<K8sObject>, kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

function keysOf(object: K8sObject | undefined): string[] {
  const data = {
    ...((object?.data as object | undefined) ?? {}),
    ...((object?.stringData as object | undefined) ?? {}),
  };
  return Object.keys(data);
}

function envFact(objects: ReadonlyArray<K8sObject>, e: NonNullable<IContainer["env"]>[number]): EnvFact {
  const from = e.valueFrom;
  if (!from) return { name: e.name, from: { source: "literal", value: e.value ?? "" } };
  if (from.configMapKeyRef) {
    const object = from.configMapKeyRef.name ?? "";
    const rendered = find(objects, "ConfigMap", object) !== undefined;
    return {
      name: e.name,
      from: {
        source: "configmap",
        object,
        key: from.configMapKeyRef.key,
        optional: !!from.configMapKeyRef.optional,
        rendered,
      },
    };
  }
  if (from.secretKeyRef) {
    const object = from.secretKeyRef.name ?? "";
    const rendered = find(objects, "Secret", object) !== undefined;
    return {
      name: e.name,
      from: { source: "secret", object, key: from.secretKeyRef.key, optional: !!from.secretKeyRef.optional, rendered },
    };
  }
  if (from.fieldRef) return { name: e.name, from: { source: "fieldRef", fieldPath: from.fieldRef.fieldPath } };
  return { name: e.name, from: { source: "other", detail: Object.keys(from).join(", ") } };
}

function mountFact(spec: IPodSpec, mount: NonNullable<IContainer["volumeMounts"]>[number]): MountFact {
  const volume = spec.volumes?.find((v) => v.name === mount.name);
  const base = { mountPath: mount.mountPath, volume: mount.name };
  if (volume?.persistentVolumeClaim) {
    const claim = volume.persistentVolumeClaim.claimName;
    return { ...base, kind: "persistent", detail: `persistentVolumeClaim ${claim}`, claim };
  }
  if (volume?.hostPath) return { ...base, kind: "persistent", detail: `hostPath ${volume.hostPath.path}` };
  if (volume?.emptyDir) return { ...base, kind: "ephemeral", detail: "emptyDir" };
  if (volume?.configMap) return { ...base, kind: "config", detail: `configMap ${volume.configMap.name}` };
  if (volume?.secret) return { ...base, kind: "config", detail: `secret ${volume.secret.secretName}` };
  if (volume?.projected) return { ...base, kind: "config", detail: "projected" };
  const kind = volume
    ? Object.keys(volume)
        .filter((k) => k !== "name")
        .join(", ")
    : "no such volume";
  return { ...base, kind: "other", detail: kind };
}

function selects(service: IService, labels: Record<string, string>): boolean {
  const selector = service.spec?.selector ?? {};
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

export function workloadFacts(
  objects: ReadonlyArray<K8sObject>,
  workload: K8sObject,
  containerName?: string,
): WorkloadFacts {
  const template = (workload.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: IPodSpec } })
    ?.template;
  const spec = template?.spec;
  if (!spec?.containers?.length) throw new InitError(`${workload.kind}/${workload.metadata.name} has no containers`);
  const names = spec.containers.map((c) => c.name);
  const container =
    containerName !== undefined
      ? spec.containers.find((c) => c.name === containerName)
      : spec.containers.length === 1
        ? spec.containers[0]
        : spec.containers.find((c) => c.name === workload.metadata.name);
  if (!container) {
    throw new InitError(
      `${workload.kind}/${workload.metadata.name} has ${names.length} containers: choose one with --container (${names.join(", ")})`,
    );
  }
  const labels = template?.metadata?.labels ?? {};
  const services = objects.filter((o) => o.kind === "Service") as unknown as IService[];
  const service =
    services.find((s) => s.metadata?.name === workload.metadata.name && selects(s, labels)) ??
    services.find((s) => selects(s, labels));
  const envFrom = (container.envFrom ?? []).flatMap((f): WorkloadFacts["envFrom"] => {
    if (f.configMapRef?.name) {
      const object = find(objects, "ConfigMap", f.configMapRef.name);
      return [{ source: "configmap", object: f.configMapRef.name, keys: keysOf(object), rendered: !!object }];
    }
    if (f.secretRef?.name) {
      const object = find(objects, "Secret", f.secretRef.name);
      return [{ source: "secret", object: f.secretRef.name, keys: keysOf(object), rendered: !!object }];
    }
    return [];
  });
  const own = container.securityContext ?? {};
  const pod = spec.securityContext ?? {};
  const security: WorkloadFacts["security"] = {};
  const runAsUser = own.runAsUser ?? pod.runAsUser;
  const runAsGroup = own.runAsGroup ?? pod.runAsGroup;
  const runAsNonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
  if (runAsUser !== undefined) security.runAsUser = runAsUser;
  if (runAsGroup !== undefined) security.runAsGroup = runAsGroup;
  if (pod.fsGroup !== undefined) security.fsGroup = pod.fsGroup;
  if (runAsNonRoot !== undefined) security.runAsNonRoot = runAsNonRoot;
  return {
    kind: workload.kind,
    name: workload.metadata.name,
    namespace: workload.metadata.namespace,
    container,
    containerNames: names,
    image: parseImage(container.image ?? ""),
    ports: (container.ports ?? []).map((p) => ({ containerPort: p.containerPort, name: p.name })),
    argv: [...(container.command ?? []), ...(container.args ?? [])],
    env: (container.env ?? []).map((e) => envFact(objects, e)),
    envFrom,
    mounts: (container.volumeMounts ?? []).map((m) => mountFact(spec, m)),
    security,
    probes: {
      ...(container.readinessProbe ? { readiness: container.readinessProbe } : {}),
      ...(container.livenessProbe ? { liveness: container.livenessProbe } : {}),
      ...(container.startupProbe ? { startup: container.startupProbe } : {}),
    },
    service,
    renderedClaims: objects.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => o.metadata.name),
  };
}
