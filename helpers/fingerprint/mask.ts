/**
 * Masks the volatile parts of an error message so that two occurrences of the same incident compare equal:
 * UUIDs, hex ids, timestamps and dates, then any remaining run of digits (run ids, counts, line numbers).
 */

const MASKS: ReadonlyArray<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  [/\b0x[0-9a-f]+\b/gi, "<hex>"],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<hex>"],
  [/\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, "<ts>"],
  [/\d+(?:\.\d+)?/g, "<n>"],
];

export function maskVolatile(text: string): string {
  let out = text;
  for (const [pattern, marker] of MASKS) out = out.replace(pattern, marker);
  return out.replace(/\s+/g, " ").trim();
}
