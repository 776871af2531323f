/**
 * Where rendered manifests came from, so a violation found in the rendered output names the file to edit: the
 * kustomize tree (the resource file defining an object, the overlay's `images` entry) or a Helm chart (the template
 * defining an object, the values file and key that set a value). helpers/helm implements the Helm side.
 */
import { displayPath } from "../contract/load.ts";
import type { K8sObject } from "./kustomize.ts";
import { imageOverride, type KustomizeTree, readKustomizeTree, sourceOf } from "./manifest-sources.ts";

export interface SourceLocation {
  /** Absolute path of the file to edit. */
  file: string;
  /** The field in it ("images[0] (name …).newTag", "image.tag"). */
  field: string;
}

export interface ManifestSource {
  kind: "kustomize" | "helm";
  /** The folder rendered: the kustomize folder, or the chart folder. */
  dir: string;
  /** The file that defines kind/name (helm: the chart template), or undefined when it cannot tell. */
  fileOf(kind: string, name: string): string | undefined;
  /** Where the tag of `repository`'s image is set (a kustomization `images` entry; helm: a values file key). */
  imageSetting(repository: string): SourceLocation | undefined;
  /** Helm: the values file and key that set this scalar (the last values file wins), for a failing field. */
  valueOrigin?(value: string | number | boolean): SourceLocation | undefined;
}

export interface RenderedManifests {
  objects: K8sObject[];
  source: ManifestSource;
}

export function kustomizeSource(dir: string, tree: KustomizeTree = readKustomizeTree(dir)): ManifestSource {
  return {
    kind: "kustomize",
    dir,
    fileOf: (kind, name) => sourceOf(tree, kind, name),
    imageSetting: (repository) => {
      const override = imageOverride(tree, repository);
      return override
        ? { file: override.file, field: `images[${override.index}] (name ${override.entry.name}).newTag` }
        : undefined;
    },
  };
}

/** The layer a reader fixes: "K8s manifests", "Helm chart" or "Helm values". */
export function layerOf(source: ManifestSource, location?: SourceLocation): string {
  if (source.kind === "kustomize") return "K8s manifests";
  return location && /values[^/]*\.ya?ml$/.test(location.file) ? "Helm values" : "Helm chart";
}

export function shownDir(source: ManifestSource): string {
  return displayPath(source.dir);
}
