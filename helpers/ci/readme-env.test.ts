import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot, repoRoot } from "../paths.ts";

/** Variables the environment provides for itself; smokebook reads them but does not own them. */
const SYSTEM_VARIABLES = new Set(["USER", "HOME", "PATH", "CI", "NODE_TEST_CONTEXT"]);

/** Reads of the environment: env.NAME, env?.NAME, env["NAME"], a reader called as (env, "NAME"), a smoke's gate. */
const ENV_READ = /(?:env\??\.|env\[")([A-Z][A-Z0-9_]{2,})|env, "([A-Z][A-Z0-9_]{2,})"|gate: "([A-Z0-9_]+)"/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) && !/\.test\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

function variablesRead(files: ReadonlyArray<string>): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(ENV_READ)) {
      const name = match[1] ?? match[2] ?? match[3];
      if (name && !found.has(name)) found.set(name, relative(repoRoot, file));
    }
  }
  return found;
}

/** Names (or NAME_* globs) in the first column of the README's environment table. */
function documentedVariables(readme: string): string[] {
  const table = readme.slice(readme.indexOf("<!-- env-table:start -->"), readme.indexOf("<!-- env-table:end -->"));
  return table
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""));
}

function undocumented(read: Map<string, string>, documented: ReadonlyArray<string>): string[] {
  const globs = documented.filter((d) => d.endsWith("*")).map((d) => d.slice(0, -1));
  return [...read]
    .filter(([name]) => !SYSTEM_VARIABLES.has(name) && !documented.includes(name))
    .filter(([name]) => !globs.some((prefix) => name.startsWith(prefix)))
    .map(([name, file]) => `${name} (read in ${file})`);
}

describe("README environment table", () => {
  const files = [
    ...["helpers", "suites", "scripts", "fixtures/target/src"].flatMap((dir) => sourceFiles(fromRoot(dir))),
    fromRoot("vitest.config.ts"),
  ];
  const readme = readFileSync(fromRoot("README.md"), "utf8");

  it("documents every variable the code reads", () => {
    const read = variablesRead(files);
    expect(read.size).toBeGreaterThan(30);
    expect(undocumented(read, documentedVariables(readme))).toEqual([]);
  });

  it("self-test: a variable missing from the table is named with the file that reads it", () => {
    const documented = documentedVariables(readme).filter((name) => name !== "DATABRICKS_POLL_TIMEOUT_SECONDS");
    const read = new Map([["DATABRICKS_POLL_TIMEOUT_SECONDS", "helpers/databricks/poll-settings.ts"]]);
    expect(undocumented(read, documented)).toEqual([
      "DATABRICKS_POLL_TIMEOUT_SECONDS (read in helpers/databricks/poll-settings.ts)",
    ]);
  });
});
