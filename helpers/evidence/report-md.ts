/** Renders report.md from one run's evidence lines: per suite, one row per criterion, short enough for a ticket. */
import type { EvidenceLine } from "./jsonl-writer.ts";

const VERDICT: Record<string, string> = { passed: "PASS", failed: "FAIL", skipped: "SKIP" };

/** A table cell: never cut; pipes escaped, line breaks as <br> so the whole text stays in its row. */
function cell(text: unknown): string {
  return String(text ?? "")
    .trim()
    .replace(/\|/g, "\\|")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "<br>");
}

/** A detail longer than this moves to the criterion's own section below its table (the row links to it). */
const DETAIL_IN_ROW = 400;

function keyIds(ids: unknown): string {
  if (!ids || typeof ids !== "object") return "";
  return Object.entries(ids as Record<string, unknown>)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
}

/** "databricks: live 12, replay 30; docker: direct 15" — which way each suite's verdicts were reached. */
function modesPerSuite(verdicts: ReadonlyArray<EvidenceLine>): string {
  // A skipped check did not run in its mode: "live skipped 4" rather than "live 4" (a live check skipped for want
  // of credentials is a skip, not a live verdict).
  const per = new Map<string, Map<string, { ran: number; skipped: number }>>();
  for (const v of verdicts) {
    const modes = per.get(String(v.project)) ?? new Map<string, { ran: number; skipped: number }>();
    const count = modes.get(String(v.mode)) ?? { ran: 0, skipped: 0 };
    if (v.state === "skipped") count.skipped++;
    else count.ran++;
    modes.set(String(v.mode), count);
    per.set(String(v.project), modes);
  }
  const show = (mode: string, { ran, skipped }: { ran: number; skipped: number }) =>
    ran === 0
      ? `${mode} skipped ${skipped}`
      : skipped === 0
        ? `${mode} ${ran}`
        : `${mode} ${ran} (+${skipped} skipped)`;
  return [...per]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, modes]) => `${project}: ${[...modes].map(([m, n]) => show(m, n)).join(", ")}`)
    .join("; ");
}

/** Errors outside tests, one row per distinct error (the same invalid contract read by three suites is one row). */
function distinctErrors(errors: ReadonlyArray<EvidenceLine>): Array<{ where: string[]; error: string }> {
  const byError = new Map<string, string[]>();
  for (const e of errors) {
    const error = String(e.error ?? "");
    const where = [e.file, e.suite].filter(Boolean).join(" > ") || e.type;
    byError.set(error, [...(byError.get(error) ?? []), where]);
  }
  return [...byError].map(([error, where]) => ({ where, error }));
}

export function renderReport(lines: ReadonlyArray<EvidenceLine>): string {
  const start: EvidenceLine = lines.find((l) => l.type === "run-start") ?? { type: "run-start" };
  const end = lines.find((l) => l.type === "run-end");
  const verdicts = lines.filter((l) => l.type === "verdict");
  const out: string[] = [];
  out.push(`# smokebook evidence — ${String(start.utc_start ?? "")}`, "");
  out.push("| field | value |", "| --- | --- |");
  const headerFields: Array<[string, unknown]> = [
    ["UTC start", start.utc_start],
    ["UTC end", end?.utc_end],
    ["operator", `${String(start.operator ?? "")} (${String(start.operator_source ?? "")})`],
    ["git", `${String(start.git_branch ?? "-")} @ ${String(start.git_commit ?? "-")}`],
    ["host", start.host],
    ["target", start.target],
    ["SMOKEBOOK_MODE", `${String(start.smokebook_mode ?? "auto")}${start.strict ? " (strict)" : ""}`],
    ["modes per suite", modesPerSuite(verdicts)],
  ];
  for (const [field, value] of headerFields) out.push(`| ${field} | ${cell(value)} |`);
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const v of verdicts) {
    const state = String(v.state) as keyof typeof totals;
    if (state in totals) totals[state]++;
  }
  const errorCount = lines.filter((l) => ["module-error", "suite-error", "unhandled-error"].includes(l.type)).length;
  const errorNote = errorCount > 0 ? `, ${errorCount} errors outside tests` : "";
  out.push("", `**${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${errorNote}**`, "");

  const errors = lines.filter((l) => ["module-error", "suite-error", "unhandled-error"].includes(l.type));
  if (errors.length > 0) {
    out.push("## Errors outside tests (a file that failed to load, a failing beforeAll/afterAll hook)", "");
    out.push("| where | error |", "| --- | --- |");
    for (const e of distinctErrors(errors)) out.push(`| ${cell(e.where.join("<br>"))} | ${cell(e.error)} |`);
    out.push("");
  }

  // Policies the contract under test does not declare: their checks did not run (issue #10: "not declared").
  const undeclared = verdicts.filter((v) => /^not declared: /.test(String(v.skip_note ?? "")));
  if (undeclared.length > 0) {
    const byNote = new Map<string, string[]>();
    for (const v of undeclared)
      byNote.set(String(v.skip_note), [...(byNote.get(String(v.skip_note)) ?? []), String(v.test)]);
    out.push(
      "## Not declared by the contract (not checked)",
      "",
      "| what is not declared | checks not run |",
      "| --- | --- |",
    );
    for (const [note, tests] of byNote) {
      out.push(`| ${cell(note)} | ${tests.length === 1 ? cell(tests[0]) : `${tests.length} checks`} |`);
    }
    out.push("");
  }

  // One table per suite and mode, so replay verdicts are never mixed with live ones.
  const groups = [...new Set(verdicts.map((v) => `${String(v.project)}\u0000${String(v.mode)}`))].sort();
  for (const group of groups) {
    const [project, mode] = group.split("\u0000") as [string, string];
    const all = verdicts.filter((v) => String(v.project) === project && String(v.mode) === mode);
    // The harness's own tests and the self-tests prove the checks can fail; the ticket needs their count and failures.
    const isSelfTest = (v: EvidenceLine) =>
      /^(helpers|scripts)\//.test(String(v.file)) || (Array.isArray(v.tags) && v.tags.includes("self-test"));
    const selfTests = all.filter(isSelfTest);
    const rows = [...all.filter((v) => !isSelfTest(v)), ...selfTests.filter((v) => v.state === "failed")];
    out.push(`## ${project} — ${mode}`, "");
    if (selfTests.length > 0) {
      const count = (state: string) => selfTests.filter((v) => v.state === state).length;
      out.push(`Self-tests: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped.`, "");
    }
    if (rows.length > 0) out.push("| criterion | verdict | key ids / note |", "| --- | --- | --- |");
    // Long details (and the same long note repeated by the checks an environment problem blocked) are written once
    // each, under the table, as D1, D2, …; the row says which.
    const long = new Map<string, { label: string; tests: string[] }>();
    for (const r of rows) {
      const detail = [
        keyIds(r.ids),
        r.skip_note ? `skipped: ${String(r.skip_note)}` : "",
        r.error ? String(r.error) : "",
      ]
        .filter(Boolean)
        .join("; ");
      let shown = cell(detail);
      if (detail.length > DETAIL_IN_ROW) {
        const key = detail.replace(/^skipped: (not checked: )?/, "");
        const entry = long.get(key) ?? { label: `D${long.size + 1}`, tests: [] };
        entry.tests.push(String(r.test));
        long.set(key, entry);
        shown = `${detail.startsWith("skipped: not checked: ") ? "skipped: not checked: " : ""}details ${entry.label} below`;
      }
      out.push(`| ${cell(r.test)} | ${VERDICT[String(r.state)] ?? String(r.state)} | ${shown} |`);
    }
    out.push("");
    if (long.size > 0) {
      out.push(`### Details (${project} — ${mode})`, "");
      for (const [detail, { label, tests }] of long) {
        out.push(
          `**${label}** (${tests.map((t) => t.replace(/\s+/g, " ")).join("; ")})`,
          "",
          "```text",
          detail,
          "```",
          "",
        );
      }
    }
    const sections = lines.filter(
      (l) => l.type === "section" && String(l.project) === project && String(l.mode) === mode,
    );
    for (const s of sections) {
      out.push(`### ${String(s.title)}`, "", `_${cell(s.test)}_`, "", String(s.markdown), "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
