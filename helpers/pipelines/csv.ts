/** Minimal RFC 4180 CSV (comma, double quotes, "" escapes, LF or CRLF) for editing dataset copies in self-tests. */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return `${rows.map((r) => r.map(quote).join(",")).join("\n")}\n`;
}

/** Rows as objects keyed by the header; empty fields stay "" (DuckDB reads them as NULL). */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...body] = parseCsv(text);
  return { header, records: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))) };
}

export function formatRecords(header: ReadonlyArray<string>, records: ReadonlyArray<Record<string, string>>): string {
  return formatCsv([header, ...records.map((r) => header.map((h) => r[h] ?? ""))]);
}
