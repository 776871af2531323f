/**
 * The ConfigMaps and Secrets the contract requires exist with their keys (seed 004 §6.2 "Secret 상태: 존재").
 * Names and keys only: a Secret's values are registered as secrets (helpers/redact.ts) the moment they arrive
 * and dropped; nothing but key names leaves this file.
 */
import type { V1ConfigMap, V1Secret } from "@kubernetes/client-node";
import { registerSecret } from "../redact.ts";
import { statusOf } from "../remote-errors.ts";
import type { CheckContext } from "./check-context.ts";
import type { DeploymentFacts } from "./deployment-check.ts";
import { ClusterCheckError } from "./errors.ts";
import { readWithRetry } from "./read-retry.ts";

export const CONFIG_CRITERION = "required Secrets and ConfigMaps exist with their keys";

export interface ObjectKeys {
  kind: "ConfigMap" | "Secret";
  name: string;
  /** undefined when the object does not exist. */
  keys: string[] | undefined;
}

/** Key names of a Secret; every value is registered for redaction first, then forgotten. */
export function secretKeys(secret: V1Secret): string[] {
  for (const value of Object.values(secret.data ?? {})) {
    registerSecret(value);
    registerSecret(Buffer.from(value, "base64").toString("utf8"));
  }
  for (const value of Object.values(secret.stringData ?? {})) registerSecret(value);
  return [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})].sort();
}

export function configMapKeys(configMap: V1ConfigMap): string[] {
  return [...Object.keys(configMap.data ?? {}), ...Object.keys(configMap.binaryData ?? {})].sort();
}

async function readKeys(ctx: CheckContext, kind: ObjectKeys["kind"], name: string): Promise<ObjectKeys> {
  const namespace = ctx.target.namespace;
  const operation = `read ${kind} ${namespace}/${name}`;
  try {
    const keys =
      kind === "Secret"
        ? secretKeys(
            await readWithRetry(ctx, operation, () => ctx.clients.core.readNamespacedSecret({ name, namespace })),
          )
        : configMapKeys(
            await readWithRetry(ctx, operation, () => ctx.clients.core.readNamespacedConfigMap({ name, namespace })),
          );
    return { kind, name, keys };
  } catch (error) {
    if (statusOf(error) === 404) return { kind, name, keys: undefined };
    throw error;
  }
}

/** Reads every referenced or declared ConfigMap/Secret and checks the contract's required keys against them. */
export async function checkRequiredConfig(ctx: CheckContext, facts: DeploymentFacts): Promise<ObjectKeys[]> {
  const { external, requiredEnv } = ctx.target;
  const configMapNames = [...new Set([...facts.configMapRefs, ...external.configMaps.map((c) => c.name)])];
  const secretNames = [...new Set([...facts.secretRefs, ...external.secrets.map((s) => s.name)])];
  const objects: ObjectKeys[] = [];
  for (const name of configMapNames) objects.push(await readKeys(ctx, "ConfigMap", name));
  for (const name of secretNames) objects.push(await readKeys(ctx, "Secret", name));

  const problems: string[] = [];
  for (const o of objects)
    if (o.keys === undefined) problems.push(`${o.kind} ${ctx.target.namespace}/${o.name} does not exist`);
  const declared = [
    ...external.configMaps.map((c) => ({ kind: "ConfigMap" as const, ...c })),
    ...external.secrets.map((s) => ({ kind: "Secret" as const, ...s })),
  ];
  for (const d of declared) {
    const found = objects.find((o) => o.kind === d.kind && o.name === d.name)?.keys;
    const missing = found ? d.keys.filter((k) => !found.includes(k)) : [];
    if (missing.length > 0)
      problems.push(`${d.kind} ${d.name} lacks key(s) ${missing.join(", ")} (contract kubernetes.external)`);
  }
  const keysOf = (kind: ObjectKeys["kind"]) => objects.filter((o) => o.kind === kind).flatMap((o) => o.keys ?? []);
  for (const [kind, names] of [
    ["ConfigMap", requiredEnv.configmap],
    ["Secret", requiredEnv.secret],
  ] as const) {
    const available = keysOf(kind);
    const missing = names.filter((n) => !available.includes(n));
    if (missing.length > 0) {
      problems.push(
        `required variable(s) ${missing.join(", ")} are in no ${kind} the Deployment references (contract env)`,
      );
    }
  }
  if (problems.length > 0) throw new ClusterCheckError("K8S_CONFIG_MISSING", CONFIG_CRITERION, problems.join("; "));
  return objects;
}
