/**
 * `smokebook/config`: the vitest config a team needs for its smokes, so its vitest.config.ts is a few lines:
 *
 *   import { smokebookConfig } from "smokebook/config";
 *   export default smokebookConfig();
 *
 * One vitest project per folder under `suites/` (found when the config loads, so a new `suites/<system>/` runs
 * without editing anything), the evidence reporter (evidence.jsonl, report.md, junit.xml, results.json in
 * SMOKEBOOK_EVIDENCE_DIR or evidence/<UTC>/), the redacting runner and worker setup (nothing secret reaches a
 * reporter), and the tags smokes use. Recordings and evidence are relative to `root` (SMOKEBOOK_PROJECT_ROOT).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration, ViteUserConfig } from "vitest/config";
import { evidenceDir } from "../evidence/evidence-dir.ts";
import { smokebookEvidence } from "../evidence/plugin.ts";

type InlineProject = TestProjectInlineConfiguration["test"];

export interface TagDefinition {
  name: string;
  description?: string;
}

export interface SmokebookConfigOptions {
  /** The project's root: recordings, evidence and suites are found from here (default: the current directory). */
  root?: string;
  /** The folder holding one sub-folder per system (default "suites"). */
  suitesDir?: string;
  /** Settings per system folder, e.g. `{ docker: { fileParallelism: false, testTimeout: 300_000 } }`. */
  systems?: Record<string, InlineProject>;
  /** Further vitest projects (e.g. unit tests of the team's own helpers). */
  projects?: TestProjectInlineConfiguration[];
  /** Tags beyond smokebook's own and one per system folder. */
  tags?: TagDefinition[];
  /** Live smokes wait long (a Databricks run up to 900 s): the default per-check timeout of every system. */
  testTimeout?: number;
  /**
   * Test files run at once (vitest's default is one less than the cores). Smokes mostly wait on other processes
   * and servers, so more workers than cores pays off; measure with a benchmark before raising it.
   */
  maxWorkers?: number | string;
  /**
   * False: the test files of a worker share one module graph instead of re-importing the SDKs for each file
   * (vitest `isolate`). Faster; right only when no file leaves global state behind. Default: vitest's (isolated).
   */
  isolate?: boolean;
}

export const SMOKEBOOK_TAGS: readonly TagDefinition[] = [
  { name: "live", description: "Runs against a real workspace, cluster or engine (gate and credentials on)." },
  { name: "replay", description: "Runs against recorded HTTP traffic on a virtual clock." },
  { name: "record", description: "Live, writing a redacted HAR recording for later replay." },
  { name: "destructive", description: "Changes shared state (deletes a pod, restarts a deployment)." },
  { name: "slow", description: "Takes more than a few seconds even offline (builds images, starts processes)." },
  { name: "self-test", description: "Feeds a check a broken input and proves that it fails with the right message." },
];

/** This module's own files are .ts in a checkout and .js in the packed tarball. */
function ownFile(relative: string): string {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return fileURLToPath(new URL(`${relative}${ext}`, import.meta.url));
}

export const WORKER_SETUP = ownFile("../evidence/worker-setup");
export const REDACTING_RUNNER = ownFile("../evidence/redacting-runner");

/** The system folders under `<root>/<suitesDir>`, sorted. */
export function systemFolders(root: string, suitesDir = "suites"): string[] {
  const dir = join(root, suitesDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
}

function uniqueTags(tags: ReadonlyArray<TagDefinition>): TagDefinition[] {
  const seen = new Map<string, TagDefinition>();
  for (const tag of tags) if (!seen.has(tag.name)) seen.set(tag.name, tag);
  return [...seen.values()];
}

export function smokebookConfig(options: SmokebookConfigOptions = {}): ViteUserConfig {
  const root = resolve(options.root ?? process.cwd());
  const suitesDir = options.suitesDir ?? "suites";
  // Workers and the reporter read these: the bundle's folder, and the root recordings are relative to.
  process.env.SMOKEBOOK_PROJECT_ROOT ??= root;
  const evidence = evidenceDir();
  process.env.SMOKEBOOK_EVIDENCE_DIR = evidence;
  const systems = systemFolders(root, suitesDir);
  const systemProjects: TestProjectInlineConfiguration[] = systems.map((name) => ({
    extends: true,
    test: {
      name,
      include: [`${suitesDir}/${name}/**/*.test.ts`],
      testTimeout: options.testTimeout ?? 1_200_000,
      hookTimeout: 120_000,
      ...options.systems?.[name],
      setupFiles: [WORKER_SETUP, ...[options.systems?.[name]?.setupFiles ?? []].flat()],
    },
  }));
  const extra = (options.projects ?? []).map((project) => ({
    ...project,
    test: { ...project.test, setupFiles: [WORKER_SETUP, ...[project.test?.setupFiles ?? []].flat()] },
  }));
  const tags = uniqueTags([
    ...SMOKEBOOK_TAGS,
    ...(options.tags ?? []),
    ...systems.map((name) => ({ name, description: `Smokes under ${suitesDir}/${name}/.` })),
  ]);
  return {
    root,
    plugins: [smokebookEvidence(evidence)],
    test: {
      reporters: ["default", "junit", "json"],
      runner: REDACTING_RUNNER,
      ...(options.maxWorkers !== undefined ? { maxWorkers: options.maxWorkers } : {}),
      ...(options.isolate !== undefined ? { isolate: options.isolate } : {}),
      outputFile: { junit: `${evidence}/junit.xml`, json: `${evidence}/results.json` },
      tags,
      projects: [...extra, ...systemProjects],
    },
  };
}
