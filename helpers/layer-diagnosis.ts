/**
 * Layer diagnosis (seed 004 §6.1): given the per-contract-item results of the stages, say which stage failed, which
 * contract item broke and which layer to fix. A failure is attributed to the first layer (in the order Local →
 * Docker → Helm → K8s) in which it appears: a Local failure is the app code's, one that first appears in Docker is
 * the Dockerfile's, one in the rendered chart is Helm's (step 3: "helm template renders as expected? No → templates,
 * values.yaml"; the check names the values file or template), one in the manifests is theirs. Fix only that layer,
 * then rerun (B.1 rule 7: changing several layers at once hides the cause). Helm is a layer only for a contract that
 * renders with Helm.
 */
import type { ContractItem, Stage } from "./contract/errors.ts";
import { type LoadedContract, targetFile } from "./contract/load.ts";

export const STAGES: ReadonlyArray<Stage> = ["local", "docker", "helm", "k8s"];
export const STAGE_LABEL: Record<Stage, string> = { local: "Local", docker: "Docker", helm: "Helm", k8s: "K8s" };
export const LAYER_TO_FIX: Record<Stage, string> = {
  local: "app code",
  docker: "Dockerfile",
  helm: "Helm chart (templates, values)",
  k8s: "manifests",
};

export type ItemStatus = "pass" | "fail" | "skip";

/** One contract criterion checked by one stage (an evidence line of type record, name contract-item). */
export interface ItemResult {
  stage: Stage;
  item: ContractItem;
  check: string;
  status: ItemStatus;
  file?: string | undefined;
  field?: string | undefined;
  /** The narrower layer to fix the failing check names ("Helm values"). */
  fix?: string | undefined;
  message?: string | undefined;
}

export type StageVerdict = "PASS" | "FAIL" | "SKIP" | "NOT RUN" | "NOT DECLARED";

export interface StageSummary {
  stage: Stage;
  verdict: StageVerdict;
  failingItems: ContractItem[];
  checks: number;
}

export interface Attribution {
  item: ContractItem;
  layer: Stage;
  fixIn: string;
  file: string;
  detail: string;
  /** Later stages where the same item also fails (likely consequences of this one). */
  alsoFailsIn: Stage[];
  /** Earlier stages that did not run in this run (skipped or not selected): the cause may sit there. */
  uncheckedBefore: Stage[];
}

export interface Diagnosis {
  stages: StageSummary[];
  attributions: Attribution[];
}

/** The file to fix per layer the contract declares (the app source, the Dockerfile, the chart, the kustomize folder). */
export type LayerFiles = Partial<Record<Stage, string>>;

export function layerFilesOf(loaded: LoadedContract): LayerFiles {
  const { contract } = loaded;
  const files: LayerFiles = {};
  if (contract.app) files.local = targetFile(loaded, contract.app.source ?? contract.app.workdir);
  if (contract.docker) files.docker = targetFile(loaded, contract.docker.dockerfile);
  const k = contract.kubernetes;
  if (k?.helm) {
    files.helm = targetFile(loaded, k.helm.chart);
    files.k8s = files.helm;
  } else if (k?.kustomize) files.k8s = targetFile(loaded, k.kustomize);
  return files;
}

function summarise(stage: Stage, results: ReadonlyArray<ItemResult>, declared: boolean): StageSummary {
  const own = results.filter((r) => r.stage === stage);
  const failingItems = [...new Set(own.filter((r) => r.status === "fail").map((r) => r.item))];
  const ran = own.filter((r) => r.status !== "skip");
  const verdict: StageVerdict =
    own.length === 0 || (!declared && ran.length === 0)
      ? declared
        ? "NOT RUN"
        : "NOT DECLARED"
      : failingItems.length > 0
        ? "FAIL"
        : ran.length === 0
          ? "SKIP"
          : "PASS";
  return { stage, verdict, failingItems, checks: ran.length };
}

/** `layerFiles`: the default file to fix per declared layer; a layer without one is not part of this contract. */
export function diagnose(results: ReadonlyArray<ItemResult>, layerFiles: LayerFiles): Diagnosis {
  const inPlay = STAGES.filter(
    (s) => s !== "helm" || layerFiles.helm !== undefined || results.some((r) => r.stage === s),
  );
  const stages = inPlay.map((stage) => summarise(stage, results, layerFiles[stage] !== undefined));
  const failedItems = [...new Set(results.filter((r) => r.status === "fail").map((r) => r.item))];
  const attributions: Attribution[] = [];
  for (const item of failedItems) {
    const failingStages = inPlay.filter((s) =>
      results.some((r) => r.stage === s && r.item === item && r.status === "fail"),
    );
    const layer = failingStages[0] as Stage;
    const first = results.find((r) => r.stage === layer && r.item === item && r.status === "fail") as ItemResult;
    // Earlier declared stages that did not run at all (skipped, not selected): the cause may sit there, unobserved.
    const uncheckedBefore = inPlay
      .slice(0, inPlay.indexOf(layer))
      .filter((s) => layerFiles[s] !== undefined && !results.some((r) => r.stage === s && r.status !== "skip"));
    attributions.push({
      item,
      layer,
      fixIn: first.fix ?? LAYER_TO_FIX[layer],
      file: first.file ?? layerFiles[layer] ?? "(not declared)",
      detail: first.message ?? first.check,
      alsoFailsIn: failingStages.slice(1),
      uncheckedBefore,
    });
  }
  attributions.sort((a, b) => STAGES.indexOf(a.layer) - STAGES.indexOf(b.layer));
  return { stages, attributions };
}

/** A table cell: whole (never cut), on one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
}

/** The markdown recorded into report.md (recordSection) and printed on the console. */
export function renderDiagnosis(diagnosis: Diagnosis): string {
  const out = ["| stage | verdict | checks | failing contract items |", "| --- | --- | --- | --- |"];
  for (const s of diagnosis.stages) {
    out.push(`| ${STAGE_LABEL[s.stage]} | ${s.verdict} | ${s.checks} | ${s.failingItems.join(", ") || "-"} |`);
  }
  out.push("");
  if (diagnosis.attributions.length === 0) {
    out.push("No contract item failed: nothing to fix.");
    return out.join("\n");
  }
  out.push("| contract item | first fails in | layer to fix | file | detail |", "| --- | --- | --- | --- | --- |");
  for (const a of diagnosis.attributions) {
    const notes = [
      a.alsoFailsIn.length > 0 ? `also fails in ${a.alsoFailsIn.map((s) => STAGE_LABEL[s]).join(", ")}` : "",
      a.uncheckedBefore.length > 0 ? `${a.uncheckedBefore.map((s) => STAGE_LABEL[s]).join(", ")} did not run` : "",
    ].filter(Boolean);
    const own = a.detail.startsWith(`${a.file}: `) ? a.detail.slice(a.file.length + 2) : a.detail;
    const detail = notes.length > 0 ? `${own} (${notes.join("; ")})` : own;
    out.push(`| ${a.item} | ${STAGE_LABEL[a.layer]} | ${a.fixIn} | ${cell(a.file)} | ${cell(detail)} |`);
  }
  const first = diagnosis.attributions[0] as Attribution;
  out.push(
    "",
    `Fix first: the ${first.fixIn} (${first.file}), contract item ${first.item}; change only that layer, then rerun (seed 004 B.1 rule 7).`,
  );
  return out.join("\n");
}
