/**
 * The Red/Green comparison table of seed 000 Task 3 step 5 (path, run id, task run id, result, key log lines),
 * with the run's end time in UTC that Task 1 step 5 asks to keep next to the run id.
 */
export interface RedGreenRow {
  phase: "Red" | "Green";
  path: string;
  runId: number | undefined;
  taskRunIds: number[];
  /** When the run ended (runs/get end_time), ISO UTC. */
  endedUtc?: string | undefined;
  /** e.g. "INTERNAL_ERROR/FAILED — expected failure with /dbfs signal: PASS" */
  result: string;
  keyLines: string[];
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

export function redGreenTable(rows: ReadonlyArray<RedGreenRow>): string {
  const out = [
    "| phase | path | run id | task run id | ended (UTC) | result | key log lines |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const lines = r.keyLines.length > 0 ? r.keyLines.map((l) => `\`${cell(l).replace(/`/g, "'")}\``).join("<br>") : "-";
    out.push(
      `| ${r.phase} | \`${cell(r.path)}\` | ${r.runId ?? "-"} | ${r.taskRunIds.join(", ") || "-"} | ${r.endedUtc ?? "-"} | ${cell(r.result)} | ${lines} |`,
    );
  }
  return out.join("\n");
}
