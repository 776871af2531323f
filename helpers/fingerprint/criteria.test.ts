import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { type CriteriaInput, FINGERPRINT_CRITERIA } from "./criteria.ts";
import { FingerprintCommandError, FingerprintCriterionError } from "./errors.ts";
import { builtInFingerprinter, commandFingerprinter, type Fingerprinter } from "./fingerprinter.ts";
import { loadIncidentInput } from "./incident-input.ts";

const devPath = fromRoot("fixtures/runtime_inputs/dev_incident_input.json");
const stagingPath = fromRoot("fixtures/runtime_inputs/staging_incident_input.json");
const node = JSON.stringify(process.execPath);

/** Deliberately broken fingerprint implementations, each violating one or more criteria. */
const BROKEN_SCRIPT = `
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const [mode, path] = process.argv.slice(2);
const text = readFileSync(path, "utf8");
const input = JSON.parse(text);
const sha = (s) => createHash("sha256").update(s).digest("hex");
const out = (fingerprint) => console.log(JSON.stringify({ fingerprint }));
switch (mode) {
  case "random": out(sha(String(Math.random()))); break;
  case "raw-bytes": out(sha(text)); break;
  case "with-run-id": out(sha(input.pipeline + input.run_output.error.split(":")[0] + input.run.run_id)); break;
  case "constant": out("0".repeat(64)); break;
  case "error-only": out(sha(input.run_output.error.split(":")[0])); break;
  case "fail": console.error("Traceback: KeyError 'incident'"); process.exit(3);
  case "not-json": console.log("fingerprint=abc"); break;
  case "no-field": console.log(JSON.stringify({ hash: "abc" })); break;
  case "hang": setTimeout(() => {}, 60000); break;
}
`;

const scriptDir = mkdtempSync(join(tmpdir(), "smokebook-dev012-cmd-"));
const script = join(scriptDir, "broken-fingerprint.cjs");
writeFileSync(script, BROKEN_SCRIPT);
const broken = (mode: string, timeoutMs?: number) =>
  commandFingerprinter(`${node} ${JSON.stringify(script)} ${mode}`, timeoutMs ? { timeoutMs } : {});

function context(fingerprinter: Fingerprinter, inputPath = devPath): CriteriaInput {
  return {
    fingerprinter,
    inputPath,
    input: loadIncidentInput(inputPath),
    workDir: mkdtempSync(join(tmpdir(), "smokebook-dev012-variants-")),
  };
}

async function verdicts(fingerprinter: Fingerprinter): Promise<Record<string, string>> {
  const c = context(fingerprinter);
  const out: Record<string, string> = {};
  for (const criterion of FINGERPRINT_CRITERIA) {
    try {
      await criterion.check(c);
      out[criterion.name] = "pass";
    } catch (error) {
      expect(error).toBeInstanceOf(FingerprintCriterionError);
      expect((error as FingerprintCriterionError).criterion).toBe(criterion.name);
      out[criterion.name] = "FAIL";
    }
  }
  return out;
}

const ALL_PASS = {
  "deterministic across runs": "pass",
  "unchanged by key order": "pass",
  "unchanged by volatile values": "pass",
  "differs for a different error class": "pass",
  "differs for a different pipeline": "pass",
};

describe("fingerprint criteria", () => {
  it.each([devPath, stagingPath])("the built-in fingerprint meets every criterion on %s", async (path) => {
    const c = context(builtInFingerprinter, path);
    for (const criterion of FINGERPRINT_CRITERIA) await criterion.check(c);
  });

  it("the built-in as a DEV012_FINGERPRINT_COMMAND (helpers/fingerprint/cli.ts) meets every criterion", async () => {
    const cli = commandFingerprinter(`${node} ${JSON.stringify(fromRoot("helpers/fingerprint/cli.ts"))}`);
    expect(await verdicts(cli)).toEqual(ALL_PASS);
    expect(await cli.fingerprint(devPath)).toBe(await builtInFingerprinter.fingerprint(devPath));
  });
});

describe("fingerprint criteria catch broken implementations", { tags: ["self-test"] }, () => {
  it("a random fingerprint fails 'deterministic across runs'", async () => {
    const c = context(broken("random"));
    await expect(FINGERPRINT_CRITERIA[0]?.check(c)).rejects.toThrow(
      /fingerprint criterion "deterministic across runs" failed: two runs on .*dev_incident_input\.json gave different fingerprints \(first=\w+, second=\w+\)/,
    );
  });

  it("hashing the raw file fails key order and volatile values", async () => {
    expect(await verdicts(broken("raw-bytes"))).toEqual({
      ...ALL_PASS,
      "unchanged by key order": "FAIL",
      "unchanged by volatile values": "FAIL",
    });
  });

  it("hashing the run id fails only 'unchanged by volatile values'", async () => {
    const c = context(broken("with-run-id"));
    expect(await verdicts(broken("with-run-id"))).toEqual({ ...ALL_PASS, "unchanged by volatile values": "FAIL" });
    await expect(FINGERPRINT_CRITERIA[2]?.check(c)).rejects.toThrow(
      /"unchanged by volatile values" failed: the same incident with new run ids, timestamps, numbers, UUIDs and hex ids got a different fingerprint \(original=\w+, new_occurrence=\w+\)/,
    );
  });

  it("a constant fingerprint fails both 'differs' criteria", async () => {
    expect(await verdicts(broken("constant"))).toEqual({
      ...ALL_PASS,
      "differs for a different error class": "FAIL",
      "differs for a different pipeline": "FAIL",
    });
  });

  it("ignoring the pipeline fails only 'differs for a different pipeline'", async () => {
    expect(await verdicts(broken("error-only"))).toEqual({ ...ALL_PASS, "differs for a different pipeline": "FAIL" });
  });

  it.each([
    ["exits non-zero", "fail", /exited with 3; stderr: Traceback: KeyError 'incident'/],
    ["prints no JSON", "not-json", /printed no JSON object; stdout: fingerprint=abc/],
    [
      "prints JSON without fingerprint",
      "no-field",
      /printed JSON without a non-empty string "fingerprint" field: \{"hash":"abc"\}/,
    ],
  ])("a command that %s fails naming the command and the input path", async (_label, mode, message) => {
    const error = await broken(mode)
      .fingerprint(devPath)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(FingerprintCommandError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(`broken-fingerprint.cjs" ${mode}) on ${devPath}: `);
    expect((error as Error).message).toMatch(/^DEV012_FINGERPRINT_COMMAND \(/);
  });

  it("a command that hangs fails within its time limit", async () => {
    await expect(broken("hang", 500).fingerprint(devPath)).rejects.toThrow(/did not finish within 0\.5s/);
  });
});
