import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEmbeddedContract } from "../contract/load.ts";
import { runtimeRootWithDirectories } from "./runtime-root.ts";
import { strayFiles } from "./stray-files.ts";

const { contract } = loadEmbeddedContract();

describe("strayFiles", () => {
  it("accepts records in data/ and other files in the contract directories", async () => {
    await using root = runtimeRootWithDirectories(contract);
    appendFileSync(join(root.path, "data/observations.jsonl"), "{}\n");
    appendFileSync(join(root.path, "logs/observer.log"), "started\n");
    expect(strayFiles(root.path, contract)).toEqual([]);
  });

  it("names records outside data/ and entries beside the contract directories", { tags: ["self-test"] }, async () => {
    await using root = runtimeRootWithDirectories(contract);
    appendFileSync(join(root.path, "observations.jsonl"), "{}\n");
    mkdirSync(join(root.path, "cache"));
    mkdirSync(join(root.path, "config/nested"));
    appendFileSync(join(root.path, "config/nested/old.jsonl"), "{}\n");
    expect(strayFiles(root.path, contract)).toEqual(["cache/", "config/nested/old.jsonl", "observations.jsonl"]);
  });
});
