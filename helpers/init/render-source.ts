/** Renders what `smokebook init` drafts from: a kustomize folder (`kubectl kustomize`) or a Helm chart (`helm template`). */
import { basename } from "node:path";
import { displayPath } from "../contract/load.ts";
import { helmTemplate } from "../helm/template.ts";
import { type K8sObject, kustomizeBuild } from "../k8s/kustomize.ts";
import type { RenderSpec } from "./draft-contract.ts";

type Env = Readonly<Record<string, string | undefined>>;

export async function renderForInit(render: RenderSpec, env: Env = process.env): Promise<K8sObject[]> {
  if (render.kind === "kustomize") return kustomizeBuild(render.dir, displayPath(render.dir), env);
  const result = await helmTemplate({
    chart: render.chart,
    values: render.values,
    release: render.release ?? basename(render.chart),
    namespace: render.namespace,
    env,
  });
  return result.objects;
}
