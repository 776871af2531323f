/**
 * How the three stage suites share their per-contract-item results, also when they run in separate workers:
 * every check records one evidence line (recordJson name "contract-item"), which the evidence reporter appends to
 * <evidence dir>/evidence.jsonl in the main process. The diagnosis, the last test of the K8s stage, reads this run's
 * lines back from that file (SMOKEBOOK_EVIDENCE_DIR, which the vitest config exports to the workers); vitest's
 * sequence.groupOrder runs the projects local → docker → k8s, so the earlier stages have finished by then.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestContext } from "vitest";
import { type ContractItem, ContractViolation, type Stage } from "./contract/errors.ts";
import { recordJson } from "./evidence/record.ts";
import type { Env } from "./gates.ts";
import type { ItemResult } from "./layer-diagnosis.ts";
import { skipOrFail } from "./smoke.ts";

export const CONTRACT_ITEM_RECORD = "contract-item";

type Annotator = Pick<TestContext, "annotate">;
type CheckContext = Pick<TestContext, "annotate" | "skip">;

/** Results recorded by this worker, merged in when the evidence file is not visible. */
const recordedHere: ItemResult[] = [];

export function recordItemResult(ctx: Annotator, result: ItemResult): Promise<void> {
  recordedHere.push(result);
  return recordJson(ctx, CONTRACT_ITEM_RECORD, result);
}

export interface CheckMeta {
  stage: Stage;
  item: ContractItem;
  check: string;
}

export interface CheckItemOptions {
  /** A 1/0 switch that makes an environment skip a failure (SMOKEBOOK_REQUIRE_DOCKER for the Docker stage). */
  requiredBy?: string;
}

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * Runs one stage check and records its outcome as a contract-item line; a failure is rethrown unchanged. What is not
 * a verdict on the service becomes a skip with the error's message as its note:
 *   - STAGE_BLOCKED (an earlier step failed or could not run): "not checked: …", nothing recorded, so the diagnosis
 *     counts the cause once;
 *   - CHECK_NOT_DECLARED (the contract does not ask for it): "not declared: …", a skip even under strict;
 *   - ENVIRONMENT_MISSING (a tool, image or port this machine lacks): a skip, a failure under SMOKEBOOK_STRICT=1
 *     or the stage's `requiredBy` switch;
 *   - CHECK_NOT_APPLICABLE (nothing in the contract to check it with): a skip, a failure under strict.
 */
export async function checkItem<T>(
  ctx: CheckContext,
  meta: CheckMeta,
  run: () => Promise<T> | T,
  options: CheckItemOptions = {},
): Promise<T> {
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await run() };
  } catch (error) {
    outcome = { error };
  }
  if ("value" in outcome) {
    await recordItemResult(ctx, { ...meta, status: "pass" });
    return outcome.value;
  }
  const { error } = outcome;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === "STAGE_BLOCKED" || code === "CHECK_NOT_DECLARED") {
    if (code === "CHECK_NOT_DECLARED") await recordItemResult(ctx, { ...meta, status: "skip", message });
    // junit and the UI list annotations: the note travels there too (vitest keeps no skip reason of its own).
    await ctx.annotate(`skipped: ${message}`, "skip-note");
    return ctx.skip(message);
  }
  if (code === "ENVIRONMENT_MISSING" || code === "CHECK_NOT_APPLICABLE") {
    await recordItemResult(ctx, { ...meta, status: "skip", message });
    return skipOrFail(ctx, message, code === "ENVIRONMENT_MISSING" ? options : {});
  }
  const violation = error instanceof ContractViolation ? error : undefined;
  await recordItemResult(ctx, {
    ...meta,
    stage: violation?.stage ?? meta.stage,
    item: violation?.item ?? meta.item,
    status: "fail",
    file: violation?.file,
    field: violation?.field,
    fix: violation?.fix,
    message,
  });
  throw error;
}

/** Records that a stage's checks were skipped (e.g. no Docker engine), so the diagnosis can say SKIP, not NOT RUN. */
export function recordStageSkipped(ctx: Annotator, stage: Stage, item: ContractItem, check: string, note: string) {
  return recordItemResult(ctx, { stage, item, check, status: "skip", message: note });
}

export interface SharedResults {
  results: ItemResult[];
  /** Where they came from, or why the other stages' results are not visible. */
  source: string;
}

/** This run's contract-item lines (those after the last run-start line) from an evidence.jsonl text. */
export function itemResultsFromJsonl(text: string): ItemResult[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const parsed = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  let start = 0;
  parsed.forEach((line, index) => {
    if (line.type === "run-start") start = index;
  });
  return parsed
    .slice(start)
    .filter((l) => l.type === "record" && l.name === CONTRACT_ITEM_RECORD && l.value && typeof l.value === "object")
    .map((l) => l.value as ItemResult);
}

function key(r: ItemResult): string {
  return `${r.stage}|${r.item}|${r.check}|${r.status}`;
}

/** This run's results from the evidence file, plus any this worker recorded that the file does not show yet. */
export function readSharedResults(
  env: Env = process.env,
  own: ReadonlyArray<ItemResult> = recordedHere,
): SharedResults {
  const dir = env.SMOKEBOOK_EVIDENCE_DIR?.trim();
  const file = dir ? join(dir, "evidence.jsonl") : undefined;
  const fromFile = file && existsSync(file) ? itemResultsFromJsonl(readFileSync(file, "utf8")) : [];
  const seen = new Set(fromFile.map(key));
  const results = [...fromFile, ...own.filter((r) => !seen.has(key(r)))];
  const source = !dir
    ? "SMOKEBOOK_EVIDENCE_DIR is not set in this worker: only this stage's results are visible"
    : file && existsSync(file)
      ? file
      : `${file} does not exist: only this stage's results are visible`;
  return { results, source };
}
