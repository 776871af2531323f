/**
 * `helm template` as a render source: the chart rendered with its values files in order (values.yaml, then
 * values-<env>.yaml; seed 004 §4.3), each rendered object kept with the chart template it came from (the
 * `# Source: <chart>/templates/x.yaml` comment helm prints before every document). No helm is an environment problem
 * (EnvironmentProblemError naming `npm run setup:tools`), never a verdict on the chart.
 */
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { EnvironmentProblemError } from "../contract/errors.ts";
import { SmokebookError } from "../errors.ts";
import type { K8sObject } from "../k8s/kustomize.ts";
import { run } from "../process/run.ts";
import { findTool, toolMissingNote } from "../tools/find-tool.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface HelmTemplateOptions {
  /** Absolute path of the chart folder. */
  chart: string;
  /** Absolute paths of the values files, in order (the last one wins). */
  values: string[];
  release: string;
  namespace?: string | undefined;
  env?: Env;
}

export interface HelmRender {
  objects: K8sObject[];
  /** The chart template (absolute path) of each object, same index as `objects`; undefined when helm named none. */
  templates: Array<string | undefined>;
  chart: string;
  values: string[];
}

export class HelmTemplateError extends SmokebookError {
  readonly chart: string;

  constructor(chart: string, detail: string, cause?: unknown) {
    super("HELM_TEMPLATE_FAILED", `helm template ${chart} failed: ${detail}`, { cause });
    this.chart = chart;
  }
}

/** `podinfo/templates/deployment.yaml` → `<chart>/templates/deployment.yaml` (subcharts: `<chart>/charts/x/…`). */
export function templatePath(chart: string, source: string): string {
  const rest = source.split("/").slice(1).join("/");
  return join(chart, rest);
}

/** Splits helm's output into objects, each with the template its `# Source:` comment names. */
export function parseHelmOutput(text: string, chart: string): Pick<HelmRender, "objects" | "templates"> {
  const objects: K8sObject[] = [];
  const templates: Array<string | undefined> = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new HelmTemplateError(chart, doc.errors[0]?.message ?? "invalid YAML");
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const comments = `${doc.commentBefore ?? ""}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ""}`;
    const source = /^\s*Source:\s*(\S+)/m.exec(comments)?.[1];
    objects.push(value as K8sObject);
    templates.push(source ? templatePath(chart, source) : undefined);
  }
  return { objects, templates };
}

/** The argv of `helm template` for these options (without the helm binary). */
export function helmTemplateArgs(options: HelmTemplateOptions): string[] {
  const args = ["template", options.release, options.chart];
  if (options.namespace) args.push("--namespace", options.namespace);
  for (const file of options.values) args.push("--values", file);
  return args;
}

export async function helmTemplate(options: HelmTemplateOptions): Promise<HelmRender> {
  const env = options.env ?? process.env;
  const helm = findTool("helm", env);
  if (!helm) {
    throw new EnvironmentProblemError(`cannot render the Helm chart ${options.chart}: ${toolMissingNote("helm", env)}`);
  }
  const result = await run([helm.path, ...helmTemplateArgs(options)], {
    env: { ...env, HELM_NO_PLUGINS: "1" },
    timeoutMs: 60_000,
  });
  if (result.exitCode !== 0) {
    const why = result.timedOut
      ? "helm template did not finish within 60 s"
      : `exit ${result.exitCode ?? result.signal}`;
    throw new HelmTemplateError(options.chart, result.stderr.trim() || why);
  }
  return { ...parseHelmOutput(result.stdout, options.chart), chart: options.chart, values: options.values };
}
