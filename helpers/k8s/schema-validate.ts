/**
 * Validates rendered objects against the Kubernetes OpenAPI schemas shipped by kubernetes-models: any built-in kind,
 * looked up by apiVersion/kind (kubernetes-models/<group>/<version>/<Kind>). A kind of an API group Kubernetes does
 * not ship (bitnami.com/v1alpha1 SealedSecret) is a custom resource: reported as not validated (CRD), not failed.
 * An unknown kind or version of a built-in group (apps/v1 Deploymnet) is a problem.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { K8sObject } from "./kustomize.ts";

type Validator = new (data: never) => { validate(): void };

export type ObjectSchema =
  | { kind: "model"; model: Validator }
  | { kind: "crd"; note: string }
  | { kind: "unknown"; problem: string };

export interface SchemaProblem {
  object: string;
  problem: string;
}

const API_VERSION = /^(?:([a-z0-9]([-a-z0-9.]*[a-z0-9])?)\/)?(v\d+(?:(?:alpha|beta)\d+)?)$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const MODELS_DIR = dirname(fileURLToPath(import.meta.resolve("kubernetes-models")));

export function schemaKey(object: Pick<K8sObject, "apiVersion" | "kind">): string {
  return `${object.apiVersion}/${object.kind}`;
}

/** Finds the model of apiVersion/kind in kubernetes-models, or says why there is none. */
export async function schemaFor(apiVersion: string, kind: string): Promise<ObjectSchema> {
  const version = API_VERSION.exec(apiVersion ?? "");
  if (!version || !KIND.test(kind ?? "")) {
    return { kind: "unknown", problem: `apiVersion ${apiVersion} kind ${kind} is not a Kubernetes type name` };
  }
  const group = version[1];
  if (group !== undefined && !existsSync(join(MODELS_DIR, group))) {
    return { kind: "crd", note: `not validated (CRD): ${group} is not a built-in API group` };
  }
  const path = `${group === undefined ? "" : `${group}/`}${version[3]}/${kind}`;
  if (!existsSync(join(MODELS_DIR, `${path}.js`))) {
    const groupVersion = join(MODELS_DIR, group ?? "", version[3] as string);
    const problem = existsSync(groupVersion)
      ? `no schema for ${apiVersion} ${kind}: ${kind} is not a kind of ${apiVersion}`
      : `no schema for ${apiVersion} ${kind}: ${version[3]} is not a version of the built-in API group ${group ?? "core"}`;
    return { kind: "unknown", problem };
  }
  const module = (await import(`kubernetes-models/${path}`)) as Record<string, Validator | undefined>;
  const model = module[kind];
  return model
    ? { kind: "model", model }
    : { kind: "unknown", problem: `kubernetes-models/${path} exports no ${kind}` };
}

/** The schema of every apiVersion/kind among `objects`. */
export async function loadSchemas(objects: ReadonlyArray<K8sObject>): Promise<Map<string, ObjectSchema>> {
  const schemas = new Map<string, ObjectSchema>();
  for (const object of objects) {
    const key = schemaKey(object);
    if (!schemas.has(key)) schemas.set(key, await schemaFor(object.apiVersion, object.kind));
  }
  return schemas;
}

export function objectId(object: K8sObject): string {
  return `${object.kind}/${object.metadata?.name ?? "(no name)"}`;
}

export function validateObject(object: K8sObject, schema: ObjectSchema | undefined): SchemaProblem | undefined {
  const id = objectId(object);
  if (!schema) return { object: id, problem: `no schema loaded for ${object.apiVersion} ${object.kind}` };
  if (schema.kind === "crd") return undefined;
  if (schema.kind === "unknown") return { object: id, problem: schema.problem };
  const { apiVersion: _a, kind: _k, ...data } = object;
  try {
    new schema.model(data as never).validate();
    return undefined;
  } catch (error) {
    return { object: id, problem: (error as Error).message.replace(/^data\//, "") };
  }
}

export function validateObjects(
  objects: ReadonlyArray<K8sObject>,
  schemas: ReadonlyMap<string, ObjectSchema>,
): SchemaProblem[] {
  return objects.flatMap((o) => validateObject(o, schemas.get(schemaKey(o))) ?? []);
}

/** Objects of kinds no schema covers (custom resources), as "SealedSecret/name (bitnami.com/v1alpha1, CRD)". */
export function unvalidatedObjects(
  objects: ReadonlyArray<K8sObject>,
  schemas: ReadonlyMap<string, ObjectSchema>,
): string[] {
  return objects
    .filter((o) => schemas.get(schemaKey(o))?.kind === "crd")
    .map((o) => `${objectId(o)} (${o.apiVersion}, CRD)`);
}
