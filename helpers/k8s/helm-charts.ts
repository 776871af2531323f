/**
 * Kustomize `helmCharts:` rendered by smokebook itself: kubectl's embedded kustomize runs its Helm plugin only with
 * helm v3 (`helm version -c`), and the helm `npm run setup:tools` provides is v4. So the kustomize tree is copied to a
 * temporary folder, each `helmCharts:` entry is rendered with `helm template` (helpers/helm: chartHome/name, its
 * releaseName and namespace, valuesFile, additionalValuesFiles, valuesInline) into a file the kustomization lists as
 * a resource instead, and kubectl kustomize renders the copy. A chart that is not vendored under chartHome (fetched
 * from `repo:` at render time) is an environment problem: this machine renders offline.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parse, stringify } from "yaml";
import { EnvironmentProblemError } from "../contract/errors.ts";
import { helmTemplate } from "../helm/template.ts";
import { readKustomizeTree } from "./manifest-sources.ts";

type Env = Readonly<Record<string, string | undefined>>;

interface HelmChartEntry {
  name: string;
  releaseName?: string;
  namespace?: string;
  valuesFile?: string;
  additionalValuesFiles?: string[];
  valuesInline?: Record<string, unknown>;
  repo?: string;
}

/** The deepest folder holding every given path. */
function commonAncestor(paths: ReadonlyArray<string>): string {
  const split = paths.map((p) => resolve(p).split(sep));
  const first = split[0] ?? [];
  let depth = 0;
  while (depth < first.length && split.every((parts) => parts[depth] === first[depth])) depth++;
  return first.slice(0, depth).join(sep) || sep;
}

export interface InflatedTree extends Disposable {
  /** The overlay in the copy, to hand to kubectl kustomize. */
  dir: string;
}

export async function inflateHelmCharts(
  overlay: string,
  shownAs: string,
  env: Env = process.env,
): Promise<InflatedTree> {
  const tree = readKustomizeTree(overlay);
  const chartHomes = tree.kustomizations.flatMap((k) => {
    const globals = k.doc.helmGlobals as { chartHome?: string } | undefined;
    return k.doc.helmCharts ? [resolve(dirname(k.file), globals?.chartHome ?? "charts")] : [];
  });
  const root = commonAncestor([...tree.kustomizations.map((k) => dirname(k.file)), ...chartHomes]);
  const copy = mkdtempSync(join(tmpdir(), "smokebook-helmcharts-"));
  const dispose = () => rmSync(copy, { recursive: true, force: true });
  try {
    cpSync(root, copy, { recursive: true, filter: (src) => !/[/\\](\.git|node_modules)$/.test(src) });
    const inCopy = (path: string) => join(copy, relative(root, path));
    for (const k of tree.kustomizations) {
      const charts = k.doc.helmCharts as HelmChartEntry[] | undefined;
      if (!charts) continue;
      const folder = dirname(inCopy(k.file));
      const globals = k.doc.helmGlobals as { chartHome?: string } | undefined;
      const home = resolve(folder, globals?.chartHome ?? "charts");
      const doc = parse(readFileSync(inCopy(k.file), "utf8")) as Record<string, unknown>;
      const resources = [...((doc.resources as string[] | undefined) ?? [])];
      for (const [index, entry] of charts.entries()) {
        const chart = join(home, entry.name);
        if (!existsSync(chart)) {
          throw new EnvironmentProblemError(
            `cannot render ${shownAs}: helmCharts[${index}] ${entry.name} of ${relative(root, k.file)} is not vendored under chartHome ${globals?.chartHome ?? "charts"} ` +
              `(${entry.repo ? `it would be fetched from ${entry.repo}; ` : ""}this machine renders offline): ` +
              "`helm pull --untar` it into chartHome, or render the chart with kubernetes.helm",
          );
        }
        const values = [entry.valuesFile, ...(entry.additionalValuesFiles ?? [])]
          .filter((v): v is string => v !== undefined)
          .map((v) => resolve(folder, v));
        if (entry.valuesInline) {
          const inline = join(folder, `.smokebook-values-inline-${index}.yaml`);
          writeFileSync(inline, stringify(entry.valuesInline));
          values.push(inline);
        }
        const rendered = await helmTemplate({
          chart,
          values,
          release: entry.releaseName ?? entry.name,
          namespace: entry.namespace,
          env,
        });
        const file = `.smokebook-helmchart-${index}-${entry.name}.yaml`;
        writeFileSync(join(folder, file), rendered.objects.map((o) => `---\n${stringify(o)}`).join(""));
        resources.push(file);
      }
      delete doc.helmCharts;
      delete doc.helmGlobals;
      doc.resources = resources;
      writeFileSync(inCopy(k.file), stringify(doc));
    }
    return { dir: inCopy(overlay), [Symbol.dispose]: dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
