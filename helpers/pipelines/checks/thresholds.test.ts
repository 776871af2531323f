/** The thresholds compare `value > threshold`, as the runbook says: a value equal to its threshold is no alert. */
import { describe, expect, it } from "vitest";
import { runCheck } from "../check.ts";
import { datasetBench, expectNamed, GOOD, INPUTS } from "../testing/broken-dataset.ts";
import { freshnessCheck } from "./index.ts";

const { engineOn } = datasetBench();

describe("pipelines operations checks: thresholds compare value > threshold", { tags: ["self-test"] }, () => {
  it("pipeline_a exactly 20 min after its last success is fresh; one second later it is stale", async () => {
    const engine = await engineOn(GOOD);
    const lastA = Date.parse("2026-02-12T00:52:00Z");
    const at = async (nowMs: number) => runCheck(engine, freshnessCheck, { ...INPUTS, nowMs });
    const boundary = await at(lastA + 20 * 60_000);
    expect(boundary.table.find((r) => r.pipeline_name === "pipeline_a")).toMatchObject({
      delay_s: "1200",
      verdict: "FRESH",
    });
    expect(boundary.verdict).toBe("pass");
    const after = await at(lastA + 20 * 60_000 + 1000);
    expectNamed(after, ["pipeline_a (last_success_ts 2026-02-12T00:52:00Z, 1201 s since last success > 1200 s)"]);
  });

  it("Silver/B/C exactly 30 min after the missed schedule are fresh; one second later they are stale", async () => {
    const engine = await engineOn(GOOD);
    // Next due runs after the dataset's last successes: Silver 2026-02-12T15:00Z, B 15:20Z, C 15:35Z (00:00/00:20/00:35 KST).
    const silverBoundary = await runCheck(engine, freshnessCheck, {
      ...INPUTS,
      nowMs: Date.parse("2026-02-12T15:30:00Z"),
    });
    expect(silverBoundary.table.find((r) => r.pipeline_name === "pipeline_silver")).toMatchObject({
      delay_s: "1800",
      verdict: "FRESH",
    });
    const silverLate = await runCheck(engine, freshnessCheck, { ...INPUTS, nowMs: Date.parse("2026-02-12T15:30:01Z") });
    expect(silverLate.summary).toContain(
      "pipeline_silver (last_success_ts 2026-02-11T15:12:00Z, 1801 s since the 2026-02-12T15:00:00Z run was due > 1800 s)",
    );
    expect(silverLate.summary).not.toContain("pipeline_b (");
    const cLate = await runCheck(engine, freshnessCheck, { ...INPUTS, nowMs: Date.parse("2026-02-12T16:05:01Z") });
    expect(cLate.table.find((r) => r.pipeline_name === "pipeline_c")).toMatchObject({
      delay_s: "1801",
      verdict: "STALE",
    });
  });
});
