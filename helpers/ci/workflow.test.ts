import { existsSync, readFileSync } from "node:fs";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fromRoot } from "../paths.ts";

const WORKFLOW = fromRoot(".github/workflows/smokebook.yml");

type Job = {
  if?: string;
  env?: Record<string, string>;
  steps: Array<{ run?: string; uses?: string; if?: string; with?: Record<string, string> }>;
};

describe(".github/workflows/smokebook.yml", () => {
  const source = readFileSync(WORKFLOW, "utf8");

  it("is a valid GitHub Actions workflow", () => {
    const state = validateWorkflow(source);
    expect(state.errors, JSON.stringify(state.errors, null, 2)).toEqual([]);
  });

  it("self-test: the validator rejects a broken workflow", () => {
    const broken = source.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest");
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  const jobs = (parse(source) as { jobs: Record<string, Job> }).jobs;

  it("runs destructive live smokes only nightly or on demand", () => {
    const k8s = jobs["live-k8s"] as unknown as {
      strategy: { matrix: { include: Array<{ smoke: string; destructive?: boolean }> } };
      steps: Array<{ if?: string; run?: string }>;
    };
    const destructive = k8s.strategy.matrix.include.filter((e) => e.destructive).map((e) => e.smoke);
    expect(destructive).toEqual(["pod-restart", "langfuse-trace"]);
    const run = k8s.steps.find((s) => s.run?.includes("npx vitest run"));
    expect(run?.if).toContain(
      "!matrix.destructive || github.event_name == 'workflow_dispatch' || github.event_name == 'schedule'",
    );
  });

  it("runs every suite offline in a matrix", () => {
    expect(JSON.stringify(jobs.offline)).toContain('"suite":["harness","local","docker","k8s","databricks"]');
  });

  it("names, for every gated smoke suite file, a live matrix entry with that file", () => {
    const entries = ["live-databricks", "live-k8s"].flatMap(
      (name) =>
        (jobs[name] as unknown as { strategy: { matrix: { include: Array<{ files: string }> } } }).strategy.matrix
          .include,
    );
    const files = entries.flatMap((e) => e.files.split(" "));
    for (const f of files) expect(existsSync(fromRoot(f)), f).toBe(true);
    for (const smoke of ["dev019-watchdog", "secret-resolution", "cluster", "pod-restart", "langfuse-trace"]) {
      expect(
        files.some((f) => f.includes(smoke)),
        smoke,
      ).toBe(true);
    }
  });

  it("runs live jobs only when their secrets exist, strictly, and keeps the evidence even on failure", () => {
    for (const name of ["live-databricks", "live-k8s"]) {
      const job = jobs[name];
      expect(job?.if, name).toMatch(/needs\.secrets-present\.outputs\.\w+ == 'true'/);
      expect(job?.env?.SMOKEBOOK_STRICT, name).toBe("1");
      const upload = job?.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
      expect(upload?.if, name).toBe("always()");
      // Each smoke runs only when its own gate variable is 1, and then with its gate set, live tests only.
      const run = job?.steps.find((s) => s.run?.includes("npx vitest run"));
      expect(run?.run, name).toContain("npx vitest run");
      expect(run?.if, name).toMatch(/^vars\[matrix\.gate\] == '1'/);
      // Secrets never sit in the job env, where npm ci's install scripts would see them.
      expect(JSON.stringify(job?.env ?? {}), name).not.toContain("secrets.");
      expect(run?.run, name).toContain(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
        'env "${{ matrix.gate }}=1" npx vitest run ${{ matrix.files }} --tagsFilter live',
      );
    }
  });
});
