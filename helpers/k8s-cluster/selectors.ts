/** Label selectors as the API takes them, and matching labels against them (matchLabels semantics). */

export function labelSelectorOf(matchLabels: Readonly<Record<string, string>>): string {
  return Object.entries(matchLabels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** True when every selector label is present on `labels` with the same value (an empty selector selects nothing). */
export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
