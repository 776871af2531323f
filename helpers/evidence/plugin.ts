/**
 * Adds the evidence reporter to whatever reporters vitest resolved (the config's, or those a --reporter flag chose,
 * or the UI's), so that the bundle never depends on being one of them.
 */
import type { Plugin } from "vite";
import { EvidenceReporter } from "./reporter.ts";

export function smokebookEvidence(dir?: string): Plugin {
  return {
    name: "smokebook:evidence",
    configureVitest({ vitest }) {
      const reporters = vitest.config.reporters as unknown[];
      if (!reporters.some((r) => r instanceof EvidenceReporter)) reporters.push(new EvidenceReporter(dir));
    },
  };
}
