/**
 * The rendered manifests of a target with the lookups the contract checks need: the contract's workload
 * (Deployment, StatefulSet or DaemonSet), its container and Service, the ConfigMaps, Secrets and PVCs, and the source
 * file of each object. Workload, container and Service may be left out of the contract when the render holds exactly
 * one candidate; with several, the contract must name it (the message lists them).
 */
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IService } from "kubernetes-models/v1/Service";
import { ContractViolation } from "../contract/errors.ts";
import { contractPathOf, displayPath, type LoadedContract } from "../contract/load.ts";
import { WORKLOAD_KINDS, type WorkloadKind } from "../contract/schema-fields.ts";
import { type K8sObject, kustomizeBuild } from "./kustomize.ts";
import { registerManifestSecrets } from "./manifest-secrets.ts";
import { kustomizeSource, layerOf, type ManifestSource, type RenderedManifests } from "./manifest-source.ts";
import { loadSchemas, type ObjectSchema } from "./schema-validate.ts";

export interface Workload extends K8sObject {
  kind: WorkloadKind;
  spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: IPodSpec } };
}

const EMPTY_EXTERNAL = { configMaps: [], secrets: [], claims: [] };

export class ManifestSet {
  readonly loaded: LoadedContract;
  readonly objects: K8sObject[];
  readonly source: ManifestSource;
  /** The rendered folder (kustomize folder or chart) as messages show it. */
  readonly renderDir: string;
  /** The schema of each apiVersion/kind among the objects (kubernetes-models, or a CRD). */
  readonly schemas: ReadonlyMap<string, ObjectSchema>;
  #workload: Workload | undefined;

  constructor(
    loaded: LoadedContract,
    rendered: RenderedManifests,
    schemas: ReadonlyMap<string, ObjectSchema> = new Map(),
  ) {
    this.loaded = loaded;
    this.objects = rendered.objects;
    this.source = rendered.source;
    this.schemas = schemas;
    this.renderDir = displayPath(rendered.source.dir);
  }

  get contract() {
    return this.loaded.contract;
  }

  get kubernetes() {
    return this.contract.kubernetes ?? {};
  }

  /** The objects the contract declares external (default: none). */
  get external() {
    return this.contract.kubernetes?.external ?? EMPTY_EXTERNAL;
  }

  ofKind<T>(kind: string): T[] {
    return this.objects.filter((o) => o.kind === kind) as unknown as T[];
  }

  find<T>(kind: string, name: string): T | undefined {
    return this.objects.find((o) => o.kind === kind && o.metadata?.name === name) as unknown as T | undefined;
  }

  /** The file that defines kind/name, as messages show it (the rendered folder when it cannot tell). */
  fileOf(kind: string, name: string): string {
    const file = this.source.fileOf(kind, name);
    return file ? displayPath(file) : this.renderDir;
  }

  /** The layer to fix for a field of this render ("K8s manifests", "Helm chart", "Helm values"). */
  layer(file?: string): string {
    return layerOf(this.source, file ? { file, field: "" } : undefined);
  }

  #contractProblem(field: string, expected: string, actual: string): ContractViolation {
    return new ContractViolation({
      stage: "k8s",
      item: "schema",
      file: this.loaded.file,
      field,
      expected,
      actual,
      fix: "the execution contract",
    });
  }

  #missing(kind: string, name: string, field: string, found: string[]): ContractViolation {
    return new ContractViolation({
      stage: "k8s",
      item: "schema",
      file: this.renderDir,
      field,
      expected: `${kind} ${name} in the rendered manifests (contract ${field})`,
      actual: `no ${kind} named ${name} (found: ${found.join(", ") || "nothing"})`,
    });
  }

  workloads(): Workload[] {
    return this.objects.filter((o): o is Workload => (WORKLOAD_KINDS as readonly string[]).includes(o.kind));
  }

  workload(): Workload {
    if (this.#workload) return this.#workload;
    const { workload: name, kind } = this.kubernetes;
    const all = this.workloads().filter((w) => kind === undefined || w.kind === kind);
    const shown = all.map((w) => `${w.kind}/${w.metadata.name}`);
    if (name === undefined) {
      if (all.length !== 1) {
        throw this.#contractProblem(
          "kubernetes.workload",
          "the workload to check (required when the render holds several, or none)",
          `not declared; the render holds ${shown.join(", ") || "no Deployment, StatefulSet or DaemonSet"}`,
        );
      }
      this.#workload = all[0] as Workload;
      return this.#workload;
    }
    const found = all.filter((w) => w.metadata.name === name);
    if (found.length === 0) throw this.#missing(kind ?? "workload", name, "kubernetes.workload", shown);
    if (found.length > 1) {
      throw this.#contractProblem(
        "kubernetes.kind",
        `one of ${found.map((w) => w.kind).join(", ")}`,
        `several workloads named ${name}`,
      );
    }
    this.#workload = found[0] as Workload;
    return this.#workload;
  }

  /** "Deployment observer" */
  workloadLabel(): string {
    const w = this.workload();
    return `${w.kind} ${w.metadata.name}`;
  }

  podSpec(): IPodSpec {
    const workload = this.workload();
    const spec = workload.spec?.template?.spec;
    if (!spec) throw this.#missing(`${workload.kind} pod template`, workload.metadata.name, "kubernetes.workload", []);
    return spec;
  }

  podLabels(): Record<string, string> {
    return this.workload().spec?.template?.metadata?.labels ?? {};
  }

  container(): IContainer {
    const containers = this.podSpec().containers ?? [];
    const name = this.kubernetes.container;
    if (name === undefined) {
      if (containers.length !== 1) {
        throw this.#contractProblem(
          "kubernetes.container",
          "the container to check (required when the workload has several)",
          `not declared; ${this.workloadLabel()} has ${containers.map((c) => c.name).join(", ") || "no containers"}`,
        );
      }
      return containers[0] as IContainer;
    }
    const found = containers.find((c) => c.name === name);
    if (!found)
      throw this.#missing(
        "container",
        name,
        "kubernetes.container",
        containers.map((c) => c.name),
      );
    return found;
  }

  containerName(): string {
    return this.container().name;
  }

  /**
   * The Service in front of the workload: the contract's, else the one Service whose selector matches the pod
   * labels; undefined when none does (the port check then checks the container only).
   */
  service(): IService | undefined {
    const name = this.kubernetes.service;
    const services = this.ofKind<IService>("Service");
    if (name !== undefined) {
      const found = services.find((s) => s.metadata?.name === name);
      if (!found) {
        throw this.#missing(
          "Service",
          name,
          "kubernetes.service",
          services.map((s) => s.metadata?.name ?? "?"),
        );
      }
      return found;
    }
    const labels = this.podLabels();
    const matching = services.filter((s) => {
      const selector = Object.entries(s.spec?.selector ?? {});
      return selector.length > 0 && selector.every(([k, v]) => labels[k] === v);
    });
    if (matching.length > 1) {
      throw this.#contractProblem(
        "kubernetes.service",
        "the Service in front of the workload (required when several select it)",
        `not declared; ${matching.map((s) => s.metadata?.name).join(", ")} all select ${this.workloadLabel()}`,
      );
    }
    return matching[0];
  }

  configMaps(): IConfigMap[] {
    return this.ofKind<IConfigMap>("ConfigMap");
  }

  secrets(): ISecret[] {
    return this.ofKind<ISecret>("Secret");
  }

  /** "spec.template.spec.containers[observer].<rest>" */
  containerField(rest: string): string {
    return `spec.template.spec.containers[${this.containerName()}].${rest}`;
  }

  workloadFile(): string {
    const w = this.workload();
    return this.fileOf(w.kind, w.metadata.name);
  }
}

async function render(loaded: LoadedContract): Promise<RenderedManifests> {
  const k = loaded.contract.kubernetes;
  if (k?.helm) {
    // helpers/helm (issue #10's Helm render source) renders a chart with `helm template` and traces values back.
    const helmModule = "../helm/render.ts";
    const { renderHelm } = (await import(/* @vite-ignore */ helmModule)) as {
      renderHelm: (loaded: LoadedContract) => Promise<RenderedManifests>;
    };
    return renderHelm(loaded);
  }
  if (!k?.kustomize) throw new Error("render(): the contract declares no kubernetes section");
  const dir = contractPathOf(loaded, k.kustomize);
  return { objects: await kustomizeBuild(dir, displayPath(dir)), source: kustomizeSource(dir) };
}

/** Renders the contract's manifests (kustomize or Helm) and loads the schemas of their kinds. */
export async function loadManifests(loaded: LoadedContract): Promise<ManifestSet> {
  const rendered = await render(loaded);
  registerManifestSecrets(loaded.contract, rendered.objects);
  return new ManifestSet(loaded, rendered, await loadSchemas(rendered.objects));
}
