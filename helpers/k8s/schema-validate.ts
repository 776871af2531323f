/** Validates rendered objects against the Kubernetes OpenAPI schemas shipped by kubernetes-models. */
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import type { K8sObject } from "./kustomize.ts";

type Validator = new (data: never) => { validate(): void };

/** The kinds a target's manifests may hold; anything else is reported, not silently accepted. */
const MODELS: Record<string, Validator> = {
  "apps/v1/Deployment": Deployment as unknown as Validator,
  "v1/ConfigMap": ConfigMap as unknown as Validator,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim as unknown as Validator,
  "v1/Secret": Secret as unknown as Validator,
  "v1/Service": Service as unknown as Validator,
};

export interface SchemaProblem {
  object: string;
  problem: string;
}

export function validateObject(object: K8sObject): SchemaProblem | undefined {
  const id = `${object.kind}/${object.metadata?.name ?? "(no name)"}`;
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model)
    return {
      object: id,
      problem: `no schema for ${object.apiVersion} ${object.kind} (known: ${Object.keys(MODELS).join(", ")})`,
    };
  const { apiVersion: _a, kind: _k, ...data } = object;
  try {
    new Model(data as never).validate();
    return undefined;
  } catch (error) {
    return { object: id, problem: (error as Error).message.replace(/^data\//, "") };
  }
}

export function validateObjects(objects: ReadonlyArray<K8sObject>): SchemaProblem[] {
  return objects.flatMap((o) => validateObject(o) ?? []);
}
