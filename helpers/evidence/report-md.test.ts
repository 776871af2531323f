import { describe, expect, it } from "vitest";
import { renderReport } from "./report-md.ts";
import { skipNotesSummary } from "./reporter.ts";

describe("report.md", () => {
  it("has a header, the totals and one row per criterion with verdict, mode and key ids", () => {
    const report = renderReport([
      {
        type: "run-start",
        utc_start: "2026-02-25T03:00:00.000Z",
        operator: "op@example.com",
        operator_source: "SMOKEBOOK_OPERATOR",
        host: "h",
        target: "fixtures/target",
      },
      {
        type: "verdict",
        project: "databricks",
        test: "DEV-019 [replay] > run succeeds",
        state: "passed",
        mode: "replay",
        ids: { run_id: 11, task_run_id: 12 },
      },
      {
        type: "verdict",
        project: "databricks",
        test: "DEV-019 [live] > run succeeds",
        state: "skipped",
        mode: "live",
        skip_note: "RUN_DEV019_WATCHDOG_SMOKE is not 1",
        ids: {},
      },
      {
        type: "verdict",
        project: "local",
        test: "health | port",
        state: "failed",
        mode: "direct",
        error: "expected 200, got 503",
        ids: {},
      },
      {
        type: "section",
        project: "databricks",
        test: "DEV-013 [replay] > table",
        mode: "replay",
        title: "Red/Green",
        markdown: "| path | run id |\n| --- | --- |",
      },
      {
        type: "verdict",
        project: "databricks",
        test: "self-test passes",
        state: "passed",
        mode: "replay",
        tags: ["self-test"],
        ids: {},
      },
      {
        type: "verdict",
        project: "databricks",
        test: "self-test breaks",
        state: "failed",
        mode: "replay",
        tags: ["self-test"],
        error: "boom",
        ids: {},
      },
      {
        type: "verdict",
        project: "harness",
        file: "helpers/gates.test.ts",
        test: "gates > reads 1",
        state: "passed",
        mode: "direct",
        ids: {},
      },
      { type: "run-end", utc_end: "2026-02-25T03:01:00.000Z" },
    ]);
    expect(report).toContain("Self-tests: 1 passed, 1 failed, 0 skipped.");
    expect(report).not.toContain("self-test passes");
    expect(report).toContain("| self-test breaks | FAIL | boom |");
    expect(report).not.toContain("gates > reads 1");
    expect(report).toContain("| operator | op@example.com (SMOKEBOOK_OPERATOR) |");
    expect(report).toContain("**3 passed, 2 failed, 1 skipped**");
    expect(report).toContain(
      "| modes per suite | databricks: replay 3, live skipped 1; harness: direct 1; local: direct 1 |",
    );
    expect(report).toContain("| DEV-019 [replay] > run succeeds | PASS | run_id=11, task_run_id=12 |");
    expect(report).toContain("| DEV-019 [live] > run succeeds | SKIP | skipped: RUN_DEV019_WATCHDOG_SMOKE is not 1 |");
    expect(report).toContain("| health \\| port | FAIL | expected 200, got 503 |");
    expect(report).toContain("### Red/Green");
    expect(report).toContain("## databricks — live");
    expect(report).toContain("## databricks — replay");
    // replay rows never sit in the live table
    const live = report.slice(report.indexOf("## databricks — live"), report.indexOf("## databricks — replay"));
    expect(live).not.toContain("[replay]");
  });
});

describe("report.md cells and sections", () => {
  const verdict = (test: string, extra: Record<string, unknown>) => ({
    type: "verdict",
    project: "k8s",
    mode: "direct",
    test,
    ids: {},
    ...extra,
  });

  it("never cuts a criterion or a detail: long details move to a section of their own", () => {
    const criterion = `execution contract > ${"a very long criterion name ".repeat(8)}end`;
    const long = `deployment.yaml: spec.template: ${"x".repeat(600)} END-OF-DETAIL`;
    const report = renderReport([
      verdict(criterion, { state: "failed", error: long }),
      verdict("short one", { state: "failed", error: "line one\nline two | piped" }),
    ]);
    expect(report).toContain(`| ${criterion.replace(/\s+/g, " ").trim()} | FAIL | details D1 below |`);
    expect(report).toContain("END-OF-DETAIL");
    expect(report).toContain("### Details (k8s — direct)");
    expect(report).toContain("| short one | FAIL | line one<br>line two \\| piped |");
    expect(report).not.toContain("…");
  });

  it("writes a long note repeated by blocked checks once", () => {
    const cause = `base image golang:1.22-alpine cannot be had: ${"no registry ".repeat(40)}`;
    const report = renderReport([
      verdict("build", { state: "skipped", skip_note: cause }),
      verdict("user", { state: "skipped", skip_note: `not checked: ${cause}` }),
      verdict("port", { state: "skipped", skip_note: `not checked: ${cause}` }),
    ]);
    expect(report).toContain("| build | SKIP | details D1 below |");
    expect(report).toContain("| user | SKIP | skipped: not checked: details D1 below |");
    expect(report.split(cause.trim()).length - 1).toBe(1);
    expect(report).toContain("**D1** (build; user; port)");
  });

  it("lists the checks the contract does not declare, and one row per distinct error outside tests", () => {
    const note = "not declared: kubernetes.probes in ops/contract.yaml (declare it to check the probes)";
    const invalid = "invalid execution contract ops/contract.yaml (2 problems): port: required; env[0].source: vault";
    const report = renderReport([
      verdict("probes", { state: "skipped", skip_note: note }),
      { type: "suite-error", file: "suites/local/a.test.ts", error: invalid },
      { type: "suite-error", file: "suites/docker/b.test.ts", error: invalid },
    ]);
    expect(report).toContain("## Not declared by the contract (not checked)");
    expect(report).toContain(`| ${note} | probes |`);
    expect(report.split(invalid).length - 1).toBe(1);
    expect(report).toContain("| suites/local/a.test.ts<br>suites/docker/b.test.ts |");
  });
});

describe("skip notes on the console", () => {
  it("lists each distinct reason once with how many checks it skipped", () => {
    const verdict = (note: string) => ({ type: "verdict", state: "skipped", skip_note: note });
    const text = skipNotesSummary([
      verdict("RUN_X is not 1"),
      verdict("RUN_X is not 1"),
      verdict("no Docker engine reachable"),
    ]);
    expect(text).toBe(
      "smokebook skipped checks, by reason:\n    2 × RUN_X is not 1\n    1 × no Docker engine reachable",
    );
    expect(skipNotesSummary([{ type: "verdict", state: "passed" }])).toBe("");
  });
});
