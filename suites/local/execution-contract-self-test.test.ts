// @module-tag contract
// @module-tag local
/**
 * Self-tests of the Local stage: broken copies of the target (made in a temp folder at test time) fail exactly the
 * right check, with a message naming the file and the field.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ContractViolation } from "../../helpers/contract/errors.ts";
import { TargetCopy } from "../../helpers/contract/target-copy.ts";
import { checkEnvPrecedence } from "../../helpers/local/env-precedence-check.ts";
import { checkNoMkdir } from "../../helpers/local/no-mkdir-check.ts";
import { checkServeAndRecords } from "../../helpers/local/serve-check.ts";
import { checkUnitTests } from "../../helpers/local/unit-tests-check.ts";

async function violation(check: Promise<unknown>): Promise<ContractViolation> {
  const error = await check.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractViolation);
  return error as ContractViolation;
}

const MKDIR_APP = `import { mkdirSync } from "node:fs";
export function missingDirectories(dirs) {
  for (const path of Object.values(dirs)) mkdirSync(path, { recursive: true });
  return [];
}
export function describeMissing() {
  return "";
}
`;

const LEAK_GUARD = `const leaked = ["DATABRICKS_TOKEN", "KUBECONFIG"].filter((name) => process.env[name] !== undefined);
if (leaked.length > 0) {
  process.stderr.write(\`observer: the harness's \${leaked.join(", ")} reached the app\\n\`);
  process.exit(9);
}
function main() {`;

const LEAK_TEST = `import assert from "node:assert/strict";
import { test } from "node:test";
test("the harness's credentials are not in the environment", () => {
  assert.equal(process.env.DATABRICKS_TOKEN, undefined);
  assert.equal(process.env.KUBECONFIG, undefined);
});
`;

describe("Local stage self-tests", { tags: ["self-test"] }, () => {
  afterEach(() => vi.unstubAllEnvs());

  it("an app that creates its directories fails the no-mkdir check, and only that check", async () => {
    await using copy = new TargetCopy(undefined, "mkdir-app");
    copy.write("src/runtime-dirs.mjs", MKDIR_APP);
    const loaded = copy.load();
    const error = await violation(checkNoMkdir(loaded));
    expect(error).toMatchObject({ stage: "local", item: "paths" });
    expect(error.file).toBe(`${copy.dir}/src`);
    expect(error.message).toMatch(
      /src: runtime directories \(seed 004 B\.1 rule 4.*\): the app created config, data, logs, universe/,
    );
    await expect(checkEnvPrecedence(loaded)).resolves.toBeDefined();
    await expect(checkServeAndRecords(loaded, { port: "free" })).resolves.toBeDefined();
  });

  it("an app that ignores OBSERVER_RUNTIME_ROOT fails env loading naming the variable", async () => {
    await using copy = new TargetCopy(undefined, "env-app");
    copy.replace(
      "src/config.mjs",
      'read(env, "OBSERVER_RUNTIME_ROOT") ?? DEFAULT_RUNTIME_ROOT',
      "DEFAULT_RUNTIME_ROOT",
    );
    const error = await violation(checkEnvPrecedence(copy.load()));
    expect(error.item).toBe("paths");
    expect(error.message).toMatch(
      /src: OBSERVER_RUNTIME_ROOT resolution with OBSERVER_RUNTIME_ROOT set: the app resolves \/opt\/platform\/runtime\/observer; expected \/srv\/smokebook-root/,
    );
  });

  it("a failing unit test of the target fails the unit-test check naming the test", async () => {
    await using copy = new TargetCopy(undefined, "unit-app");
    copy.replace("src/records.mjs", 'RECORDS_FILE = "observations.jsonl"', 'RECORDS_FILE = "observations.json"');
    copy.replace("test/records.test.mjs", "assert.equal(lines.length, 2);", "assert.equal(lines.length, 3);");
    const error = await violation(checkUnitTests(copy.load()));
    expect(error.item).toBe("app-logic");
    expect(error.message).toMatch(
      /src: unit tests \(contract app\.unitTests: node --test test\/\*\.test\.mjs\): exit code 1; failing: .*appends one parseable JSON line/,
    );
  });

  it("an app whose /health answers 503 fails the health check naming the endpoint", async () => {
    await using copy = new TargetCopy(undefined, "health-app");
    copy.replace("src/server.mjs", "response.writeHead(200,", "response.writeHead(503,");
    const error = await violation(checkServeAndRecords(copy.load(), { port: "free", timeoutMs: 1500 }));
    expect(error.item).toBe("health");
    expect(error.message).toMatch(
      /src: GET \/health on port \d+ \(contract health, port\): Timed out after 1\.5s waiting until GET http:\/\/127\.0\.0\.1:\d+\/health answers 200; last observed state: HTTP 503/,
    );
  });

  it("an app that writes a record outside data/ fails the health-and-records check naming the file", async () => {
    await using copy = new TargetCopy(undefined, "stray-app");
    copy.replace(
      "src/records.mjs",
      "  appendFileSync(recordsPath(dataDir), line);",
      '  appendFileSync(recordsPath(dataDir), line);\n  appendFileSync(join(dataDir, "..", "logs", RECORDS_FILE), line);',
    );
    const loaded = copy.load();
    const error = await violation(checkServeAndRecords(loaded, { port: "free" }));
    expect(error).toMatchObject({ stage: "local", item: "paths", file: `${copy.dir}/src` });
    expect(error.message).toMatch(
      /src: records outside data\/ \(contract app\.records, paths\.directories\): the app wrote logs\/observations\.jsonl under the runtime root /,
    );
    await expect(checkNoMkdir(loaded)).resolves.toBeDefined();
  });

  it("the app never sees the harness's environment (DATABRICKS_TOKEN, KUBECONFIG)", async () => {
    vi.stubEnv("DATABRICKS_TOKEN", "dapi0123456789abcdef0123456789abcdef");
    vi.stubEnv("KUBECONFIG", "/root/.kube/production-config");
    await using copy = new TargetCopy(undefined, "leak-app");
    copy.replace("src/main.mjs", "function main() {", LEAK_GUARD);
    copy.write("test/harness-env.test.mjs", LEAK_TEST);
    const loaded = copy.load();
    await expect(checkEnvPrecedence(loaded)).resolves.toBeDefined();
    await expect(checkServeAndRecords(loaded, { port: "free" })).resolves.toBeDefined();
    await expect(checkNoMkdir(loaded)).resolves.toBeDefined();
    await expect(checkUnitTests(loaded)).resolves.toBeDefined();
  });

  it("the waits report every poll (health, records, no-mkdir) for the evidence", async () => {
    await using copy = new TargetCopy(undefined, "poll-app");
    const loaded = copy.load();
    const polls: string[] = [];
    await checkServeAndRecords(loaded, { port: "free", onPoll: (line) => polls.push(line.condition) });
    await checkNoMkdir(loaded, { onPoll: (line) => polls.push(line.condition) });
    expect(polls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/health answers 200$/),
        "a record in data/*.jsonl",
        "the app exits or creates a contract directory",
      ]),
    );
  });
});
