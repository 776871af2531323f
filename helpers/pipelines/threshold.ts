/**
 * Runbook §6.3 (4): a threshold is breached only when value > threshold. A value equal to its threshold is not an
 * alert. Every threshold comparison in helpers/pipelines goes through this function.
 */
export function exceedsThreshold(value: number, threshold: number): boolean {
  if (Number.isNaN(value) || Number.isNaN(threshold)) throw new RangeError(`cannot compare ${value} with ${threshold}`);
  return value > threshold;
}
