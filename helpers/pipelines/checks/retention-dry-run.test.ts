/** The bad_records retention check is a dry-run: it counts rows older than 180 days and deletes nothing. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCheck } from "../check.ts";
import { ReadOnlyStatementError } from "../errors.ts";
import { datasetBench, GOOD, INPUTS } from "../testing/broken-dataset.ts";
import { badRecordsRetentionCheck } from "./bad-records-retention.ts";

const { engineOn } = datasetBench();

describe("bad_records retention dry-run deletes nothing", { tags: ["self-test"] }, () => {
  const digest = (dir: string) =>
    readdirSync(dir)
      .sort()
      .map(
        (f) =>
          `${f}:${createHash("sha256")
            .update(readFileSync(join(dir, f)))
            .digest("hex")}`,
      )
      .join("\n");

  it("counts rows older than 180 days (not the one exactly 180 days old) and leaves table and files untouched", async () => {
    const before = digest(GOOD);
    const engine = await engineOn(GOOD);
    const result = await runCheck(engine, badRecordsRetentionCheck, INPUTS);
    expect(result.verdict).toBe("pass");
    expect(result.table[0]).toMatchObject({
      cutoff_date: "2025-08-16",
      rows_to_delete: "3",
      total_rows_before: "7",
      total_rows_after: "7",
      deleted: "0",
    });
    expect(result.queries.every((q) => /^SELECT/.test(q.sql))).toBe(true);
    expect(digest(GOOD)).toBe(before);
  });

  it("the runbook's fallback DELETE is refused by the guard, and the database underneath is read-only anyway", async () => {
    const engine = await engineOn(GOOD);
    const del = `DELETE FROM silver.bad_records WHERE detected_date_kst < ${engine.dialect.dateSubDays("current_date", 180)}`;
    await expect(engine.query(del)).rejects.toThrow(ReadOnlyStatementError);
    await expect(engine.unguardedForSelfTest(del)).rejects.toThrow(/read-only/);
    const count = await engine.query("SELECT COUNT(*) AS n FROM silver.bad_records");
    expect(count.rows[0]?.n).toBe("7");
  });
});
