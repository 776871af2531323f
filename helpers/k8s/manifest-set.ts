/**
 * The rendered manifests of a target with the lookups the contract checks need: the contract's Deployment,
 * container and Service, the ConfigMaps, Secrets and PVCs, and the source file of each object.
 */
import { join } from "node:path";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IService } from "kubernetes-models/v1/Service";
import { ContractViolation } from "../contract/errors.ts";
import { displayPath, type LoadedContract, targetFile } from "../contract/load.ts";
import { type K8sObject, kustomizeBuild } from "./kustomize.ts";
import { registerManifestSecrets } from "./manifest-secrets.ts";
import { type KustomizeTree, readKustomizeTree, sourceOf } from "./manifest-sources.ts";
import { loadSchemas, type ObjectSchema } from "./schema-validate.ts";

export class ManifestSet {
  readonly loaded: LoadedContract;
  readonly objects: K8sObject[];
  readonly tree: KustomizeTree;
  /** The kustomize folder as messages show it. */
  readonly kustomizeDir: string;

  /** The schema of each apiVersion/kind among the objects (kubernetes-models, or a CRD). */
  readonly schemas: ReadonlyMap<string, ObjectSchema>;

  constructor(
    loaded: LoadedContract,
    objects: K8sObject[],
    tree: KustomizeTree,
    schemas: ReadonlyMap<string, ObjectSchema> = new Map(),
  ) {
    this.loaded = loaded;
    this.objects = objects;
    this.tree = tree;
    this.schemas = schemas;
    this.kustomizeDir = targetFile(loaded, loaded.contract.kubernetes.kustomize);
  }

  get contract() {
    return this.loaded.contract;
  }

  ofKind<T>(kind: string): T[] {
    return this.objects.filter((o) => o.kind === kind) as unknown as T[];
  }

  find<T>(kind: string, name: string): T | undefined {
    return this.objects.find((o) => o.kind === kind && o.metadata?.name === name) as unknown as T | undefined;
  }

  /** The file that defines kind/name, as messages show it (the kustomize folder when it cannot tell). */
  fileOf(kind: string, name: string): string {
    const file = sourceOf(this.tree, kind, name);
    return file ? displayPath(file) : this.kustomizeDir;
  }

  #missing(kind: string, name: string, field: string): ContractViolation {
    return new ContractViolation({
      stage: "k8s",
      item: "schema",
      file: this.kustomizeDir,
      field,
      expected: `${kind} ${name} in the rendered manifests (contract ${field})`,
      actual: `no ${kind} named ${name} (found: ${this.objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(", ") || "nothing"})`,
    });
  }

  deployment(): IDeployment {
    const name = this.contract.kubernetes.deployment;
    return (
      this.find<IDeployment>("Deployment", name) ??
      (() => {
        throw this.#missing("Deployment", name, "kubernetes.deployment");
      })()
    );
  }

  podSpec(): IPodSpec {
    const spec = this.deployment().spec?.template?.spec;
    if (!spec)
      throw this.#missing("Deployment pod template", this.contract.kubernetes.deployment, "kubernetes.deployment");
    return spec;
  }

  container(): IContainer {
    const name = this.contract.kubernetes.container;
    return (
      this.podSpec().containers.find((c) => c.name === name) ??
      (() => {
        throw this.#missing("container", name, "kubernetes.container");
      })()
    );
  }

  service(): IService {
    const name = this.contract.kubernetes.service;
    return (
      this.find<IService>("Service", name) ??
      (() => {
        throw this.#missing("Service", name, "kubernetes.service");
      })()
    );
  }

  configMaps(): IConfigMap[] {
    return this.ofKind<IConfigMap>("ConfigMap");
  }

  secrets(): ISecret[] {
    return this.ofKind<ISecret>("Secret");
  }

  /** "spec.template.spec.containers[observer]" */
  containerField(rest: string): string {
    return `spec.template.spec.containers[${this.contract.kubernetes.container}].${rest}`;
  }

  deploymentFile(): string {
    return this.fileOf("Deployment", this.contract.kubernetes.deployment);
  }
}

export async function loadManifests(loaded: LoadedContract): Promise<ManifestSet> {
  const dir = join(loaded.targetDir, loaded.contract.kubernetes.kustomize);
  const objects = await kustomizeBuild(dir, targetFile(loaded, loaded.contract.kubernetes.kustomize));
  registerManifestSecrets(loaded.contract, objects);
  return new ManifestSet(loaded, objects, readKustomizeTree(dir), await loadSchemas(objects));
}
