/**
 * The runbook's schedule table (§2) and its "Recent Success Delay" rule (§4):
 *   A       every 10 min  alert when the last success is more than 20 min old
 *   Silver  daily 00:00   \
 *   B       daily 00:20    } alert when the first scheduled run after the last success is more than 30 min past
 *   C       daily 00:35   /
 * Schedules are KST; pipeline_state holds UTC instants. Every delay is compared with exceedsThreshold (value >
 * threshold): a pipeline exactly at its limit is still fresh.
 */
import { DAY_MS, KST_OFFSET_MS } from "./kst.ts";
import { exceedsThreshold } from "./threshold.ts";

export type PipelineName = "pipeline_a" | "pipeline_silver" | "pipeline_b" | "pipeline_c";

export type Cadence = { kind: "every-minutes"; minutes: number } | { kind: "daily-kst"; hour: number; minute: number };

export type FreshnessRule =
  | { kind: "since-last-success"; thresholdSeconds: number }
  | { kind: "after-schedule"; graceSeconds: number };

export interface PipelineSchedule {
  pipeline: PipelineName;
  label: "A" | "Silver" | "B" | "C";
  /** As written in the runbook (Quartz, KST). */
  quartzCron: string;
  cadence: Cadence;
  freshness: FreshnessRule;
  timeoutSeconds: number;
  maxRetries: number;
  retryIntervalSeconds: number;
}

const COMMON = { timeoutSeconds: 3600, maxRetries: 2, retryIntervalSeconds: 300 } as const;
const AFTER_SCHEDULE: FreshnessRule = { kind: "after-schedule", graceSeconds: 30 * 60 };

export const SCHEDULES: ReadonlyArray<PipelineSchedule> = [
  {
    pipeline: "pipeline_a",
    label: "A",
    quartzCron: "0 0/10 * * * ?",
    cadence: { kind: "every-minutes", minutes: 10 },
    freshness: { kind: "since-last-success", thresholdSeconds: 20 * 60 },
    ...COMMON,
  },
  {
    pipeline: "pipeline_silver",
    label: "Silver",
    quartzCron: "0 0 0 * * ?",
    cadence: { kind: "daily-kst", hour: 0, minute: 0 },
    freshness: AFTER_SCHEDULE,
    ...COMMON,
  },
  {
    pipeline: "pipeline_b",
    label: "B",
    quartzCron: "0 20 0 * * ?",
    cadence: { kind: "daily-kst", hour: 0, minute: 20 },
    freshness: AFTER_SCHEDULE,
    ...COMMON,
  },
  {
    pipeline: "pipeline_c",
    label: "C",
    quartzCron: "0 35 0 * * ?",
    cadence: { kind: "daily-kst", hour: 0, minute: 35 },
    freshness: AFTER_SCHEDULE,
    ...COMMON,
  },
];

/** The first daily KST slot strictly after `ms` (UTC ms). */
export function nextDailySlotAfter(ms: number, hour: number, minute: number): number {
  const kstWall = ms + KST_OFFSET_MS;
  const dayStart = Math.floor(kstWall / DAY_MS) * DAY_MS;
  let slot = dayStart + (hour * 60 + minute) * 60_000;
  if (slot <= kstWall) slot += DAY_MS;
  return slot - KST_OFFSET_MS;
}

export interface FreshnessVerdict {
  stale: boolean;
  /** The measured delay in seconds (negative: the next run is not due yet). */
  delaySeconds: number;
  thresholdSeconds: number;
  /** Daily pipelines: the scheduled run the last success does not cover yet (UTC ms). */
  dueMs?: number;
  rule: string;
}

export function evaluateFreshness(schedule: PipelineSchedule, lastSuccessMs: number, nowMs: number): FreshnessVerdict {
  const rule = schedule.freshness;
  if (rule.kind === "since-last-success") {
    const delaySeconds = (nowMs - lastSuccessMs) / 1000;
    return {
      stale: exceedsThreshold(delaySeconds, rule.thresholdSeconds),
      delaySeconds,
      thresholdSeconds: rule.thresholdSeconds,
      rule: `now − last_success_ts > ${rule.thresholdSeconds / 60} min`,
    };
  }
  if (schedule.cadence.kind !== "daily-kst")
    throw new RangeError(`${schedule.pipeline}: after-schedule needs a daily cadence`);
  const dueMs = nextDailySlotAfter(lastSuccessMs, schedule.cadence.hour, schedule.cadence.minute);
  const delaySeconds = (nowMs - dueMs) / 1000;
  const hh = String(schedule.cadence.hour).padStart(2, "0");
  const mm = String(schedule.cadence.minute).padStart(2, "0");
  return {
    stale: exceedsThreshold(delaySeconds, rule.graceSeconds),
    delaySeconds,
    thresholdSeconds: rule.graceSeconds,
    dueMs,
    rule: `now − next ${hh}:${mm} KST run after last_success_ts > ${rule.graceSeconds / 60} min`,
  };
}
