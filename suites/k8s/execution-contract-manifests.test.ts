// @module-tag contract
// @module-tag k8s
/**
 * Seed 004 §3.3 and B.2 — K8s stage of the execution contract, static part (no cluster): the kustomize overlay is
 * rendered with `kubectl kustomize`, validated against the Kubernetes schemas and checked against the contract.
 * A failure that first appears here is the manifests' (seed 004 §6.1 steps 3–4).
 *
 * The last test prints the layer diagnosis (Local / Docker / K8s verdicts, failing contract item, layer to fix) on
 * the console and into report.md. It reads this run's contract-item evidence lines; the vitest config runs the
 * projects local → docker → k8s (sequence.groupOrder), so the other stages have finished when it runs.
 */
import { beforeAll, describe, it } from "vitest";
import { NotDeclaredError, StageBlockedError } from "../../helpers/contract/errors.ts";
import type { LoadedContract } from "../../helpers/contract/load.ts";
import { loadStageContract } from "../../helpers/contract/stage-contract.ts";
import { recordIds, recordSection } from "../../helpers/evidence/record.ts";
import { loadManifests, type ManifestSet } from "../../helpers/k8s/manifest-set.ts";
import { K8S_STATIC_CHECKS, runCheck } from "../../helpers/k8s/static-checks.ts";
import { diagnose, layerFilesOf, renderDiagnosis } from "../../helpers/layer-diagnosis.ts";
import { checkItem, readSharedResults } from "../../helpers/layer-diagnosis-evidence.ts";

describe("execution contract — K8s stage, static (manifests)", () => {
  let loaded: LoadedContract;
  let manifests: ManifestSet | undefined;
  let renderError: unknown;

  beforeAll(async () => {
    loaded = loadStageContract("k8s");
    if (!loaded.contract.kubernetes) {
      renderError = new NotDeclaredError("kubernetes", loaded.file, "the manifests (kustomize or helm)");
      return;
    }
    manifests = await loadManifests(loaded).catch((error: unknown) => {
      renderError = error;
      return undefined;
    });
  });

  const renderCheck = "the manifests render (kubectl kustomize or helm template)";
  it(renderCheck, async (ctx) => {
    await checkItem(ctx, { stage: "k8s", item: "schema", check: renderCheck }, () => {
      if (renderError !== undefined) throw renderError;
    });
    await recordIds(ctx, {
      rendered: manifests?.renderDir,
      source: manifests?.source.kind,
      objects: manifests?.objects.length,
    });
  });

  for (const check of K8S_STATIC_CHECKS) {
    it(check.name, async (ctx) => {
      const details = await checkItem(ctx, { stage: "k8s", item: check.item, check: check.name }, () => {
        if (!manifests) {
          const cause = renderError instanceof Error ? renderError.message : "the manifests did not render";
          if ((renderError as { code?: string } | undefined)?.code === "CHECK_NOT_DECLARED") throw renderError;
          throw new StageBlockedError(`not checked: ${cause}`);
        }
        return runCheck(check, manifests);
      });
      await recordIds(ctx, details);
    });
  }

  it("layer diagnosis: Local / Docker / K8s verdicts, failing contract item, layer to fix (seed 004 §6.1)", async (ctx) => {
    const shared = readSharedResults();
    const markdown = renderDiagnosis(diagnose(shared.results, layerFilesOf(loaded)));
    console.log(`\nLayer diagnosis (seed 004 §6.1)\n\n${markdown}\n\n(results: ${shared.source})\n`);
    await recordSection(ctx, "Layer diagnosis (seed 004 §6.1)", `${markdown}\n\n_Results read from ${shared.source}._`);
  });
});
