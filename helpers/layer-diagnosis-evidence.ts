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

export const CONTRACT_ITEM_RECORD = "contract-item";

type Annotator = Pick<TestContext, "annotate">;

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

/**
 * Runs one stage check and records its outcome as a contract-item line; a failure is rethrown unchanged.
 * A check blocked by an earlier failure (code STAGE_BLOCKED: no image, no container) records nothing, so the
 * diagnosis counts the cause once; one that does not apply to the contract (CHECK_NOT_APPLICABLE) records a skip.
 */
export async function checkItem<T>(ctx: Annotator, meta: CheckMeta, run: () => Promise<T> | T): Promise<T> {
  try {
    const value = await run();
    await recordItemResult(ctx, { ...meta, status: "pass" });
    return value;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "STAGE_BLOCKED") throw error;
    if (code === "CHECK_NOT_APPLICABLE") {
      await recordItemResult(ctx, { ...meta, status: "skip", message: (error as Error).message });
      throw error;
    }
    const violation = error instanceof ContractViolation ? error : undefined;
    await recordItemResult(ctx, {
      ...meta,
      item: violation?.item ?? meta.item,
      status: "fail",
      file: violation?.file,
      field: violation?.field,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
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
