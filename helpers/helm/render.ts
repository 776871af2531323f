/**
 * The contract's Helm render source (`kubernetes.helm: { chart, values, release, namespace }`): `helm template` with
 * the declared values files, as a ManifestSource whose lookups name the chart template that defines an object and
 * the values file and key that set a failing value. helpers/k8s/manifest-set.ts loads it for a Helm contract.
 */
import { contractPathOf, type LoadedContract } from "../contract/load.ts";
import type { ManifestSource, RenderedManifests } from "../k8s/manifest-source.ts";
import { type HelmRender, helmTemplate } from "./template.ts";
import { imageTagOrigin, valueOrigin, valuesChain } from "./values-origin.ts";

type Env = Readonly<Record<string, string | undefined>>;

export function helmSource(render: HelmRender): ManifestSource {
  const chain = valuesChain(render.chart, render.values);
  return {
    kind: "helm",
    dir: render.chart,
    fileOf: (kind, name) => {
      const index = render.objects.findIndex((o) => o.kind === kind && o.metadata?.name === name);
      return index >= 0 ? render.templates[index] : undefined;
    },
    imageSetting: (repository) => imageTagOrigin(chain, repository),
    valueOrigin: (value) => valueOrigin(chain, value),
  };
}

/** The Helm chart a contract declares, rendered. */
export async function renderHelm(loaded: LoadedContract, env: Env = process.env): Promise<RenderedManifests> {
  const helm = loaded.contract.kubernetes?.helm;
  if (!helm) throw new Error("renderHelm(): the contract declares no kubernetes.helm");
  const render = await helmTemplate({
    chart: contractPathOf(loaded, helm.chart),
    values: helm.values.map((file) => contractPathOf(loaded, file)),
    release: helm.release ?? loaded.contract.name,
    namespace: helm.namespace ?? loaded.contract.kubernetes?.namespace,
    env,
  });
  return { objects: render.objects, source: helmSource(render) };
}
