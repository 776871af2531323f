/** A markdown table for report.md sections: one object per row, cells on one line, pipes escaped, 50 rows shown. */
const MAX_ROWS = 50;

function cell(value: unknown): string {
  const text =
    value === null || value === undefined ? "NULL" : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|");
}

export function markdownTable(
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  columns?: ReadonlyArray<string>,
): string {
  const cols = columns && columns.length > 0 ? columns : Object.keys(rows[0] ?? {});
  if (cols.length === 0 || rows.length === 0) return "_(no rows)_";
  const shown = rows.slice(0, MAX_ROWS);
  const lines = [`| ${cols.join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`];
  for (const row of shown) lines.push(`| ${cols.map((c) => cell(row[c])).join(" | ")} |`);
  if (rows.length > shown.length) lines.push("", `_${rows.length - shown.length} more row(s) not shown_`);
  return lines.join("\n");
}
