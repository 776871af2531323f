/**
 * Adds the evidence reporter to whatever reporters vitest resolved (the config's, or those a --reporter flag chose,
 * or the UI's), so that the bundle never depends on being one of them. The bundle's junit.xml and results.json are
 * kept the same way: when a --reporter flag replaced the configured ones, their reporters are added back, writing into
 * the evidence folder.
 */
import { join } from "node:path";
import type { Plugin } from "vite";
import { JsonReporter, JUnitReporter } from "vitest/node";
import { evidenceDir } from "./evidence-dir.ts";
import { EvidenceReporter } from "./reporter.ts";

function chosen(reporters: unknown[], name: string, type: abstract new (...args: never[]) => unknown): boolean {
  return reporters.some((r) => r instanceof type || (Array.isArray(r) && r[0] === name) || r === name);
}

export function smokebookEvidence(dir: string = evidenceDir()): Plugin {
  return {
    name: "smokebook:evidence",
    configureVitest({ vitest }) {
      const reporters = vitest.config.reporters as unknown[];
      if (!reporters.some((r) => r instanceof EvidenceReporter)) reporters.push(new EvidenceReporter(dir));
      if (!chosen(reporters, "junit", JUnitReporter))
        reporters.push(new JUnitReporter({ outputFile: join(dir, "junit.xml") }));
      if (!chosen(reporters, "json", JsonReporter))
        reporters.push(new JsonReporter({ outputFile: join(dir, "results.json") }));
    },
  };
}
