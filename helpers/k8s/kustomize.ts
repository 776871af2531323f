/** Renders a kustomize folder with `kubectl kustomize` (kubectl ≥ 1.14 embeds kustomize) into plain objects. */
import { execFile } from "node:child_process";
import { parseAllDocuments } from "yaml";
import { SmokebookError } from "../errors.ts";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export class KustomizeError extends SmokebookError {
  readonly dir: string;

  constructor(dir: string, detail: string, cause?: unknown) {
    super("KUSTOMIZE_FAILED", `kubectl kustomize ${dir} failed: ${detail}`, { cause });
    this.dir = dir;
  }
}

export function parseManifests(text: string, source: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new KustomizeError(source, doc.errors[0]?.message ?? "invalid YAML");
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    objects.push(value as K8sObject);
  }
  return objects;
}

export function kustomizeBuild(dir: string, shownAs: string = dir, kubectl = "kubectl"): Promise<K8sObject[]> {
  return new Promise((resolve, reject) => {
    execFile(kubectl, ["kustomize", dir], { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        const detail =
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? `${kubectl} is not installed`
            : stderr.trim() || error.message;
        reject(new KustomizeError(shownAs, detail, error));
        return;
      }
      try {
        resolve(parseManifests(stdout, shownAs));
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}
