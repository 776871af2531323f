/**
 * Finds the file of a kustomize tree that defines an object or sets an image, so a contract violation found in the
 * rendered output names the file to edit (k8s/base/deployment.yaml, k8s/overlays/production/kustomization.yaml).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse, parseAllDocuments } from "yaml";

export interface SourceDoc {
  file: string;
  doc: Record<string, unknown>;
}

export interface KustomizeTree {
  /** Every kustomization.yaml, overlay first. */
  kustomizations: SourceDoc[];
  /** Every resource document, with its file. */
  resources: SourceDoc[];
}

function kustomizationFile(dir: string): string | undefined {
  return ["kustomization.yaml", "kustomization.yml", "Kustomization"]
    .map((n) => join(dir, n))
    .find((f) => existsSync(f));
}

export function readKustomizeTree(dir: string, seen = new Set<string>()): KustomizeTree {
  const tree: KustomizeTree = { kustomizations: [], resources: [] };
  const file = kustomizationFile(dir);
  if (!file || seen.has(file)) return tree;
  seen.add(file);
  const kustomization = (parse(readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
  tree.kustomizations.push({ file, doc: kustomization });
  for (const entry of (kustomization.resources as string[] | undefined) ?? []) {
    const path = resolve(dir, entry);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) {
      const sub = readKustomizeTree(path, seen);
      tree.kustomizations.push(...sub.kustomizations);
      tree.resources.push(...sub.resources);
      continue;
    }
    for (const doc of parseAllDocuments(readFileSync(path, "utf8"))) {
      const value = doc.toJS() as Record<string, unknown> | null;
      if (value) tree.resources.push({ file: path, doc: value });
    }
  }
  return tree;
}

/** The file defining kind/name (name prefixes and suffixes added by kustomize are tolerated). */
export function sourceOf(tree: KustomizeTree, kind: string, name: string): string | undefined {
  const sameKind = tree.resources.filter((r) => r.doc.kind === kind);
  const exact = sameKind.find((r) => (r.doc.metadata as { name?: string } | undefined)?.name === name);
  if (exact) return exact.file;
  const partial = sameKind.find((r) => name.includes(String((r.doc.metadata as { name?: string } | undefined)?.name)));
  return partial?.file ?? (sameKind.length === 1 ? sameKind[0]?.file : undefined);
}

/** The kustomization (overlay first) whose `images` entry for `repository` sets the tag, with the entry's index. */
export function imageOverride(
  tree: KustomizeTree,
  repository: string,
): { file: string; index: number; entry: Record<string, string> } | undefined {
  for (const k of tree.kustomizations) {
    const images = (k.doc.images as Array<Record<string, string>> | undefined) ?? [];
    const index = images.findIndex((i) => i.name === repository || i.newName === repository);
    if (index >= 0) return { file: k.file, index, entry: images[index] as Record<string, string> };
  }
  return undefined;
}
