/** Renders report.md from one run's evidence lines: per suite, one row per criterion, short enough for a ticket. */
import type { EvidenceLine } from "./jsonl-writer.ts";

const VERDICT: Record<string, string> = { passed: "PASS", failed: "FAIL", skipped: "SKIP" };

function cell(text: unknown, max = 160): string {
  const flat = String(text ?? "")
    .replace(/\s+/g, " ")
    .replace(/\|/g, "\\|")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function keyIds(ids: unknown): string {
  if (!ids || typeof ids !== "object") return "";
  return Object.entries(ids as Record<string, unknown>)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
}

/** "databricks: live 12, replay 30; docker: direct 15" — which way each suite's verdicts were reached. */
function modesPerSuite(verdicts: ReadonlyArray<EvidenceLine>): string {
  const per = new Map<string, Map<string, number>>();
  for (const v of verdicts) {
    const modes = per.get(String(v.project)) ?? new Map<string, number>();
    modes.set(String(v.mode), (modes.get(String(v.mode)) ?? 0) + 1);
    per.set(String(v.project), modes);
  }
  return [...per]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, modes]) => `${project}: ${[...modes].map(([m, n]) => `${m} ${n}`).join(", ")}`)
    .join("; ");
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
  for (const [field, value] of headerFields) out.push(`| ${field} | ${cell(value, 200)} |`);
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
    for (const e of errors)
      out.push(`| ${cell([e.file, e.suite].filter(Boolean).join(" > ") || e.type)} | ${cell(e.error, 300)} |`);
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
    for (const r of rows) {
      const detail = [
        keyIds(r.ids),
        r.skip_note ? `skipped: ${String(r.skip_note)}` : "",
        r.error ? String(r.error) : "",
      ]
        .filter(Boolean)
        .join("; ");
      out.push(`| ${cell(r.test, 120)} | ${VERDICT[String(r.state)] ?? String(r.state)} | ${cell(detail, 240)} |`);
    }
    out.push("");
    const sections = lines.filter(
      (l) => l.type === "section" && String(l.project) === project && String(l.mode) === mode,
    );
    for (const s of sections) {
      out.push(`### ${String(s.title)}`, "", `_${cell(s.test, 200)}_`, "", String(s.markdown), "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
