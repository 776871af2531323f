/**
 * What the workload's container gets in its environment: which variables, from where (a literal env value, a
 * fieldRef/resourceFieldRef, a ConfigMap or Secret in the manifests, or one the contract declares external), the
 * literal values the manifests fix, and the command-line flags (`--port=9898`) its command and args carry.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { ManifestSet } from "./manifest-set.ts";

export type EnvOrigin =
  | { kind: "value"; value: string }
  | { kind: "fieldRef"; fieldPath: string }
  | { kind: "configmap" | "secret"; name: string; external: boolean; value?: string | undefined };

export interface DanglingRef {
  kind: "configmap" | "secret";
  name: string;
  field: string;
}

export interface ContainerEnv {
  provided: Map<string, EnvOrigin>;
  dangling: DanglingRef[];
  /** envFrom sources declared external without keys: they may provide any variable. */
  open: Array<{ kind: "configmap" | "secret"; name: string }>;
}

/** An object declared external: its declared keys, or "open" when the contract does not list them. */
function externalKeys(keys: ReadonlyArray<string> | undefined) {
  return {
    keys: Object.fromEntries((keys ?? []).map((k) => [k, undefined])),
    external: true,
    open: keys === undefined,
  };
}

function keysOf(
  set: ManifestSet,
  kind: "configmap" | "secret",
  name: string,
): { keys: Record<string, string | undefined>; external: boolean; open?: boolean } | undefined {
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
    const ext = set.external.configMaps.find((c) => c.name === name);
    return ext ? externalKeys(ext.keys) : undefined;
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
  const ext = set.external.secrets.find((s) => s.name === name);
  return ext ? externalKeys(ext.keys) : undefined;
}

export function containerEnv(set: ManifestSet, container: IContainer = set.container()): ContainerEnv {
  const provided = new Map<string, EnvOrigin>();
  const dangling: DanglingRef[] = [];
  const open: ContainerEnv["open"] = [];
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
    if (found.open) open.push({ kind: ref.kind, name: ref.name });
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
    if (entry.value !== undefined || !entry.valueFrom) {
      provided.set(entry.name, { kind: "value", value: entry.value ?? "" });
      continue;
    }
    const { fieldRef, resourceFieldRef } = entry.valueFrom;
    if (fieldRef || resourceFieldRef) {
      provided.set(entry.name, {
        kind: "fieldRef",
        fieldPath: fieldRef?.fieldPath ?? `resource ${resourceFieldRef?.resource ?? "?"}`,
      });
      continue;
    }
    const cm = entry.valueFrom.configMapKeyRef;
    const secret = entry.valueFrom.secretKeyRef;
    const ref = cm
      ? { kind: "configmap" as const, ...cm }
      : secret
        ? { kind: "secret" as const, ...secret }
        : undefined;
    if (!ref?.name) continue;
    const found = keysOf(set, ref.kind, ref.name);
    if (!found || !(ref.key in found.keys || found.open)) {
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
  return { provided, dangling, open };
}

/** The literal values the manifests give the contract variables (env values and ConfigMap data). */
export function literalEnv(env: ContainerEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, origin] of env.provided) {
    const value = origin.kind === "fieldRef" ? undefined : origin.value;
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The container's command and args, in order (the argv the container starts with, as far as the manifests say). */
export function containerArgv(container: IContainer): { argv: string[]; field: (index: number) => string } {
  const command = container.command ?? [];
  const args = container.args ?? [];
  return {
    argv: [...command, ...args],
    field: (index) => (index < command.length ? `command[${index}]` : `args[${index - command.length}]`),
  };
}

/** A flag's value in an argv: `--port=9898` or `--port 9898`; `present` without a value for a bare `--verbose`. */
export function flagValue(
  argv: ReadonlyArray<string>,
  flag: string,
): { index: number; value: string | undefined } | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg.startsWith(`${flag}=`)) return { index, value: arg.slice(flag.length + 1) };
    if (arg === flag) {
      const next = argv[index + 1];
      return { index, value: next !== undefined && !next.startsWith("-") ? next : undefined };
    }
  }
  return undefined;
}
