/**
 * The evidence reporter: writes evidence.jsonl (one JSON object per line: the run header, every verdict, every poll
 * line and annotation a smoke adds, the run end) and report.md into the evidence folder, whatever other reporters
 * the command line selects. Registered by the smokebookEvidence() plugin in vitest.config.ts.
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { TestAnnotation } from "vitest";
import type { Reporter, TestCase, TestModule, TestRunEndReason, TestSuite, Vitest } from "vitest/node";
import { projectRoot } from "../paths.ts";
import { redactText } from "../redact.ts";
import { evidenceDir } from "./evidence-dir.ts";
import { buildHeader } from "./header.ts";
import { type EvidenceLine, JsonlWriter } from "./jsonl-writer.ts";
import { ANNOTATION_PREFIX } from "./record.ts";
import { renderReport } from "./report-md.ts";

export type VerdictMode = "live" | "record" | "replay" | "direct";

export function modeOfTags(tags: ReadonlyArray<string>): VerdictMode {
  if (tags.includes("replay")) return "replay";
  if (tags.includes("record")) return "record";
  if (tags.includes("live")) return "live";
  return "direct";
}

function parseAnnotation(annotation: TestAnnotation): { kind: string; data: Record<string, unknown> } | undefined {
  if (!annotation.type.startsWith(ANNOTATION_PREFIX)) return undefined;
  try {
    const data = JSON.parse(annotation.message) as unknown;
    if (data && typeof data === "object" && !Array.isArray(data)) {
      return { kind: annotation.type.slice(ANNOTATION_PREFIX.length), data: data as Record<string, unknown> };
    }
  } catch {
    // not ours after all
  }
  return { kind: annotation.type.slice(ANNOTATION_PREFIX.length), data: { message: annotation.message } };
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split("\n").find((l) => l.trim() !== "");
}

export class EvidenceReporter implements Reporter {
  readonly dir: string;
  #vitest: Vitest | undefined;
  #writer: JsonlWriter;
  #run = 0;
  #runStart = 0;

  constructor(dir = evidenceDir()) {
    this.dir = dir;
    this.#writer = new JsonlWriter(join(dir, "evidence.jsonl"));
  }

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunStart(): void {
    this.#run++;
    this.#runStart = this.#writer.lines.length;
    this.#writer.append({ type: "run-start", run: this.#run, ...buildHeader(process.env, new Date()) });
  }

  #where(testCase: TestCase) {
    return {
      run: this.#run,
      project: testCase.project.name || "default",
      file: relative(projectRoot(), testCase.module.moduleId),
      test: testCase.fullName,
      mode: modeOfTags(testCase.tags),
    };
  }

  onTestCaseAnnotate(testCase: TestCase, annotation: TestAnnotation): void {
    const parsed = parseAnnotation(annotation);
    if (!parsed) return;
    this.#writer.append({ type: parsed.kind, ...this.#where(testCase), ...parsed.data });
    if (parsed.kind === "stdout-line") {
      const last = this.#writer.lines.at(-1);
      // On a line of its own even when a reporter (dot) is mid-line.
      process.stdout.write(`\n${JSON.stringify(last?.value ?? parsed.data.value)}\n`);
    }
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const ids: Record<string, unknown> = {};
    for (const annotation of testCase.annotations()) {
      const parsed = parseAnnotation(annotation);
      if (parsed?.kind === "id") Object.assign(ids, parsed.data);
    }
    const error = result.errors?.[0];
    this.#writer.append({
      type: "verdict",
      ...this.#where(testCase),
      state: result.state,
      tags: [...testCase.tags],
      duration_ms: Math.round(testCase.diagnostic()?.duration ?? 0),
      skip_note: result.state === "skipped" ? (result.note ?? null) : null,
      error: error ? (firstLine(error.message) ?? error.name ?? "error") : null,
      ids,
    });
  }

  /** A failing beforeAll/afterAll leaves its tests "skipped" without an error: keep the hook's error visible. */
  onTestSuiteResult(testSuite: TestSuite): void {
    for (const error of testSuite.errors()) {
      this.#writer.append({
        type: "suite-error",
        run: this.#run,
        project: testSuite.project.name || "default",
        file: relative(projectRoot(), testSuite.module.moduleId),
        suite: testSuite.fullName,
        error: firstLine(error.message) ?? String(error.name),
      });
    }
  }

  onTestModuleEnd(testModule: TestModule): void {
    for (const error of testModule.errors()) {
      this.#writer.append({
        type: "module-error",
        run: this.#run,
        project: testModule.project.name || "default",
        file: relative(projectRoot(), testModule.moduleId),
        error: firstLine(error.message) ?? String(error.name),
      });
    }
  }

  onTestRunEnd(
    _modules: ReadonlyArray<TestModule>,
    unhandled: ReadonlyArray<{ message?: string }>,
    reason: TestRunEndReason,
  ): void {
    for (const error of unhandled) {
      this.#writer.append({
        type: "unhandled-error",
        run: this.#run,
        error: firstLine(error.message) ?? "unhandled error",
      });
    }
    const runLines = this.#writer.lines.slice(this.#runStart);
    const totals = { passed: 0, failed: 0, skipped: 0, errors: 0 };
    const modes: Record<string, Record<string, number>> = {};
    for (const line of runLines) {
      if (line.type === "suite-error" || line.type === "module-error" || line.type === "unhandled-error")
        totals.errors++;
      if (line.type !== "verdict") continue;
      const state = String(line.state) as keyof typeof totals;
      if (state in totals) totals[state]++;
      const perProject = modes[String(line.project)] ?? {};
      perProject[String(line.mode)] = (perProject[String(line.mode)] ?? 0) + 1;
      modes[String(line.project)] = perProject;
    }
    const endLine: EvidenceLine = {
      type: "run-end",
      run: this.#run,
      utc_end: new Date().toISOString(),
      reason,
      totals,
      modes_per_suite: modes,
    };
    this.#writer.append(endLine);
    writeFileSync(join(this.dir, "report.md"), redactText(renderReport([...runLines, endLine])));
    this.#log(skipNotesSummary(runLines));
    const shown = relative(process.cwd(), this.dir) || this.dir;
    this.#log(`smokebook evidence: ${shown.startsWith("..") ? this.dir : shown}`);
  }

  #log(message: string): void {
    if (!message) return;
    if (this.#vitest) this.#vitest.logger.log(message);
    else console.log(message);
  }
}

/** The distinct skip notes of a run with how many checks each skipped: what is missing, said once. */
export function skipNotesSummary(lines: ReadonlyArray<EvidenceLine>, limit = 12): string {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (line.type === "verdict" && line.state === "skipped" && typeof line.skip_note === "string") {
      counts.set(line.skip_note, (counts.get(line.skip_note) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return "";
  const rows = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = rows.slice(0, limit).map(([note, n]) => `  ${String(n).padStart(3)} × ${note}`);
  if (rows.length > limit) shown.push(`  … and ${rows.length - limit} more notes (see report.md)`);
  return [`smokebook skipped checks, by reason:`, ...shown].join("\n");
}
