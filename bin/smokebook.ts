#!/usr/bin/env node
import { INIT_USAGE, parseInitArgs, runInit } from "../helpers/init/init-command.ts";
/**
 * The `smokebook` command. `smokebook init <service-folder> …` drafts an execution contract (helpers/init); the
 * smokes themselves run with vitest (`SMOKEBOOK_CONTRACT=<file> npx vitest run --project k8s`). Imports only relative
 * .ts paths (Node 24 runs them directly).
 */
import { formatReview } from "../helpers/init/review.ts";

const USAGE = `usage: smokebook <command>

commands:
  init <service-folder> …   draft an execution contract (smokebook init --help)

Then review the draft and run the stages against it:
  SMOKEBOOK_CONTRACT=<contract.yaml> npx vitest run --project local --project docker --project k8s`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== "init") {
    console.error(`smokebook: unknown command ${command}\n${USAGE}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(INIT_USAGE);
    return 0;
  }
  try {
    const result = await runInit(parseInitArgs(rest));
    console.log(`wrote ${result.file}\n`);
    console.log(result.text);
    console.log(formatReview(result.review));
    console.log(`\nNext: review it, then run\n  SMOKEBOOK_CONTRACT=${result.file} npx vitest run --project k8s`);
    return 0;
  } catch (error) {
    console.error(`smokebook init: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
