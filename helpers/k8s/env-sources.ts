/**
 * What the Deployment's container gets in its environment: which variables, from where (env value, ConfigMap or
 * Secret in the manifests, or one the contract declares external), and the literal values the manifests fix.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { ManifestSet } from "./manifest-set.ts";

export type EnvOrigin =
  | { kind: "value"; value: string }
  | { kind: "configmap" | "secret"; name: string; external: boolean; value?: string | undefined };

export interface DanglingRef {
  kind: "configmap" | "secret";
  name: string;
  field: string;
}

export interface ContainerEnv {
  provided: Map<string, EnvOrigin>;
  dangling: DanglingRef[];
}

function keysOf(
  set: ManifestSet,
  kind: "configmap" | "secret",
  name: string,
): { keys: Record<string, string | undefined>; external: boolean } | undefined {
  if (kind === "configmap") {
    const cm = set.configMaps().find((c) => c.metadata?.name === name);
    if (cm)
      return {
        keys: {
          ...(cm.data ?? {}),
          ...Object.fromEntries(Object.keys(cm.binaryData ?? {}).map((k) => [k, undefined])),
        },
        external: false,
      };
    const ext = set.contract.kubernetes.external.configMaps.find((c) => c.name === name);
    return ext ? { keys: Object.fromEntries(ext.keys.map((k) => [k, undefined])), external: true } : undefined;
  }
  const secret = set.secrets().find((s) => s.metadata?.name === name);
  // Secret values are never read into the harness: only their keys matter here.
  if (secret)
    return {
      keys: Object.fromEntries(
        [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})].map((k) => [k, undefined]),
      ),
      external: false,
    };
  const ext = set.contract.kubernetes.external.secrets.find((s) => s.name === name);
  return ext ? { keys: Object.fromEntries(ext.keys.map((k) => [k, undefined])), external: true } : undefined;
}

export function containerEnv(set: ManifestSet, container: IContainer = set.container()): ContainerEnv {
  const provided = new Map<string, EnvOrigin>();
  const dangling: DanglingRef[] = [];
  (container.envFrom ?? []).forEach((source, index) => {
    const ref = source.configMapRef
      ? { kind: "configmap" as const, ...source.configMapRef }
      : source.secretRef
        ? { kind: "secret" as const, ...source.secretRef }
        : undefined;
    if (!ref?.name) return;
    const found = keysOf(set, ref.kind, ref.name);
    if (!found) {
      if (!ref.optional)
        dangling.push({ kind: ref.kind, name: ref.name, field: set.containerField(`envFrom[${index}]`) });
      return;
    }
    for (const [key, value] of Object.entries(found.keys)) {
      provided.set(`${source.prefix ?? ""}${key}`, {
        kind: ref.kind,
        name: ref.name,
        external: found.external,
        value: ref.kind === "configmap" ? value : undefined,
      });
    }
  });
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) {
      provided.set(entry.name, { kind: "value", value: entry.value });
      continue;
    }
    const cm = entry.valueFrom?.configMapKeyRef;
    const secret = entry.valueFrom?.secretKeyRef;
    const ref = cm
      ? { kind: "configmap" as const, ...cm }
      : secret
        ? { kind: "secret" as const, ...secret }
        : undefined;
    if (!ref?.name) {
      if (entry.valueFrom) provided.set(entry.name, { kind: "value", value: "(fieldRef)" });
      continue;
    }
    const found = keysOf(set, ref.kind, ref.name);
    if (!found || !(ref.key in found.keys)) {
      if (!ref.optional)
        dangling.push({
          kind: ref.kind,
          name: `${ref.name}/${ref.key}`,
          field: set.containerField(`env[${entry.name}]`),
        });
      continue;
    }
    provided.set(entry.name, {
      kind: ref.kind,
      name: ref.name,
      external: found.external,
      value: ref.kind === "configmap" ? found.keys[ref.key] : undefined,
    });
  }
  return { provided, dangling };
}

/** The literal values the manifests give the contract variables (env values and ConfigMap data). */
export function literalEnv(env: ContainerEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, origin] of env.provided) {
    const value = origin.kind === "value" ? origin.value : origin.value;
    if (value !== undefined) out[name] = value;
  }
  return out;
}
