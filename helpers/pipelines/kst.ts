/**
 * KST calendar arithmetic. Schedules and date_kst are KST; the data is UTC. Asia/Seoul has had a fixed +09:00
 * offset without daylight saving since 1988, so a constant offset is exact for every date the pipelines handle.
 */

export const KST_OFFSET_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The KST calendar date of an instant. */
export function kstDate(ms: number): string {
  return dateOf(ms + KST_OFFSET_MS);
}

/** The UTC calendar date of an instant (what current_date() gives in a UTC session). */
export function utcDate(ms: number): string {
  return dateOf(ms);
}

/** The instant (UTC ms) at which a KST date begins: 2026-02-12 → 2026-02-11T15:00:00Z. */
export function kstMidnightUtc(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - KST_OFFSET_MS;
}

export function addDays(date: string, days: number): string {
  return kstDate(kstMidnightUtc(date) + days * DAY_MS);
}

export function isoUtc(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString().replace(".000Z", "Z");
}
