/**
 * Renders a kustomize folder with `kubectl kustomize` (kubectl ≥ 1.14 embeds kustomize) into plain objects. An
 * overlay with `helmCharts:` renders with --enable-helm (helm from PATH or `npm run setup:tools`). No kubectl is an
 * environment problem (EnvironmentProblemError naming how to provide it), never a verdict on the manifests.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { EnvironmentProblemError } from "../contract/errors.ts";
import { SmokebookError } from "../errors.ts";
import { run } from "../process/run.ts";
import { findTool, toolMissingNote } from "../tools/find-tool.ts";
import { inflateHelmCharts } from "./helm-charts.ts";

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

/** Whether a kustomization (overlay or any folder it names) uses `helmCharts:`. */
export function usesHelmCharts(dir: string, seen = new Set<string>()): boolean {
  const file = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((n) => join(dir, n)).find(existsSync);
  if (!file || seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  if (/^helmCharts:/m.test(text)) return true;
  const resources = [...text.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => join(dirname(file), m[1] as string));
  return resources.some((path) => existsSync(path) && usesHelmCharts(path, seen));
}

/** kustomize's helm plugin refusing the helm it was given (it runs `helm version -c` and wants v3). */
const HELM_VERSION_REFUSED = /requires helm V3 but got|unknown shorthand flag: 'c' in -c/;

function helmV3Note(shownAs: string, helm: string, seen: string): string {
  return (
    `cannot render ${shownAs} (helmCharts:): kubectl's kustomize renders helmCharts only with helm v3, and ${helm} ` +
    `is ${seen}; put a helm v3 first on PATH (or render the chart with kubernetes.helm instead of helmCharts:)`
  );
}

export async function kustomizeBuild(
  dir: string,
  shownAs: string = dir,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<K8sObject[]> {
  const kubectl = findTool("kubectl", env);
  if (!kubectl) throw new EnvironmentProblemError(`cannot render ${shownAs}: ${toolMissingNote("kubectl", env)}`);
  const argv = [kubectl.path, "kustomize", dir];
  if (usesHelmCharts(dir)) {
    const helm = findTool("helm", env);
    if (!helm) {
      throw new EnvironmentProblemError(`cannot render ${shownAs} (helmCharts:): ${toolMissingNote("helm", env)}`);
    }
    const version = await run([helm.path, "version", "--short"], { timeoutMs: 30_000 });
    if (!/^v3\./.test(version.stdout.trim())) {
      // kubectl's kustomize drives only helm v3: smokebook renders the helmCharts entries itself (helm-charts.ts).
      using inflated = await inflateHelmCharts(dir, shownAs, env);
      return await kustomizeBuild(inflated.dir, shownAs, env);
    }
    argv.push("--enable-helm", `--helm-command=${helm.path}`);
  }
  const result = await run(argv, { timeoutMs: 60_000 });
  if (result.timedOut) throw new KustomizeError(shownAs, "timed out after 60 s");
  if (result.exitCode !== 0 && HELM_VERSION_REFUSED.test(result.stderr)) {
    throw new EnvironmentProblemError(helmV3Note(shownAs, "helm", result.stderr.trim().split("\n").at(-1) ?? ""));
  }
  if (result.exitCode !== 0) throw new KustomizeError(shownAs, result.stderr.trim() || `exit ${result.exitCode}`);
  return parseManifests(result.stdout, shownAs);
}
