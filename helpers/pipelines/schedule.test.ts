import { describe, expect, it } from "vitest";
import { targetWindow } from "./config.ts";
import { addDays, kstDate, kstMidnightUtc } from "./kst.ts";
import { evaluateFreshness, nextDailySlotAfter, SCHEDULES } from "./schedule.ts";
import { exceedsThreshold } from "./threshold.ts";

const utc = (iso: string) => Date.parse(iso);
const schedule = (label: string) => {
  const found = SCHEDULES.find((s) => s.label === label);
  if (!found) throw new Error(label);
  return found;
};

describe("exceedsThreshold (runbook §6.3: value > threshold)", () => {
  it("the boundary is not an alert", () => {
    expect(exceedsThreshold(1200, 1200)).toBe(false);
    expect(exceedsThreshold(1200.001, 1200)).toBe(true);
    expect(exceedsThreshold(-5, 0)).toBe(false);
  });
  it("refuses NaN instead of answering false", () => {
    expect(() => exceedsThreshold(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe("KST calendar", () => {
  it("maps instants to KST dates and KST midnights to UTC", () => {
    expect(kstDate(utc("2026-02-11T14:59:59Z"))).toBe("2026-02-11");
    expect(kstDate(utc("2026-02-11T15:00:00Z"))).toBe("2026-02-12");
    expect(kstMidnightUtc("2026-02-12")).toBe(utc("2026-02-11T15:00:00Z"));
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(() => kstMidnightUtc("2026-2-1")).toThrow(/not a YYYY-MM-DD date/);
  });

  it("D-035: the default B/C window is the previous KST day", () => {
    expect(targetWindow(utc("2026-02-12T01:00:00Z"))).toEqual({
      runMode: "default",
      dateKstStart: "2026-02-11",
      dateKstEnd: "2026-02-11",
      startUtcMs: utc("2026-02-10T15:00:00Z"),
      endUtcMs: utc("2026-02-11T15:00:00Z"),
    });
    // 23:30 UTC on the 11th is already the 12th in KST.
    expect(targetWindow(utc("2026-02-11T23:30:00Z")).dateKstEnd).toBe("2026-02-11");
    expect(targetWindow(utc("2026-02-11T14:30:00Z")).dateKstEnd).toBe("2026-02-10");
    const backfill = targetWindow(utc("2026-02-12T01:00:00Z"), "2026-02-01", "2026-02-03");
    expect(backfill).toMatchObject({ runMode: "backfill", endUtcMs: utc("2026-02-03T15:00:00Z") });
  });
});

describe("schedule table (runbook §2) and recent success delay (§4)", () => {
  it("holds the runbook's KST crons and retry policy", () => {
    expect(
      SCHEDULES.map((s) => [s.label, s.quartzCron, s.maxRetries, s.retryIntervalSeconds, s.timeoutSeconds]),
    ).toEqual([
      ["A", "0 0/10 * * * ?", 2, 300, 3600],
      ["Silver", "0 0 0 * * ?", 2, 300, 3600],
      ["B", "0 20 0 * * ?", 2, 300, 3600],
      ["C", "0 35 0 * * ?", 2, 300, 3600],
    ]);
  });

  it("finds the first daily KST slot strictly after an instant", () => {
    expect(nextDailySlotAfter(utc("2026-02-11T15:31:00Z"), 0, 20)).toBe(utc("2026-02-12T15:20:00Z"));
    expect(nextDailySlotAfter(utc("2026-02-11T15:19:59Z"), 0, 20)).toBe(utc("2026-02-11T15:20:00Z"));
    expect(nextDailySlotAfter(utc("2026-02-11T15:20:00Z"), 0, 20)).toBe(utc("2026-02-12T15:20:00Z"));
  });

  it("A: 20 min since the last success is fresh, 20 min 1 s is stale", () => {
    const a = schedule("A");
    const last = utc("2026-02-12T00:40:00Z");
    expect(evaluateFreshness(a, last, utc("2026-02-12T01:00:00Z"))).toMatchObject({ stale: false, delaySeconds: 1200 });
    expect(evaluateFreshness(a, last, utc("2026-02-12T01:00:01Z"))).toMatchObject({ stale: true, delaySeconds: 1201 });
  });

  it("B: the run due at 00:20 KST may be 30 min late, not 30 min 1 s", () => {
    const b = schedule("B");
    const lastSuccess = utc("2026-02-10T15:31:00Z");
    const due = utc("2026-02-11T15:20:00Z");
    expect(evaluateFreshness(b, lastSuccess, due + 1800_000)).toMatchObject({
      stale: false,
      dueMs: due,
      delaySeconds: 1800,
    });
    expect(evaluateFreshness(b, lastSuccess, due + 1801_000)).toMatchObject({ stale: true, delaySeconds: 1801 });
    // A manual rerun at 00:10 KST does not cover the 00:20 schedule that follows it.
    expect(evaluateFreshness(b, utc("2026-02-11T15:10:00Z"), due + 1801_000).stale).toBe(true);
  });
});
