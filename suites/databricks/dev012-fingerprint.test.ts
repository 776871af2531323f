// @module-tag databricks
/**
 * DEV-012 incident fingerprint smoke (ADR-0027), the runbook's single entrypoint:
 *   RUN_DEV012_FINGERPRINT_SMOKE=1 npx vitest run suites/databricks/dev012-fingerprint.test.ts --reporter=verbose
 * Input: DEV012_RUNTIME_INPUT_PATH, else fixtures/runtime_inputs/<DEV012_SMOKE_ENV>_incident_input.json (dev|staging).
 * Prints exactly one JSON line (runtime_input_path, env, fingerprint, utc) raw on stdout through recordStdoutLine,
 * and keeps it in the evidence. The smoke's definition: helpers/fingerprint/smoke-definition.ts.
 * The smoke needs no credentials and has no recordings: the gate alone decides, and without it every check is
 * skipped with a note naming RUN_DEV012_FINGERPRINT_SMOKE=1 (runbook "Gate mode").
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson, recordSection, recordStdoutLine } from "../../helpers/evidence/record.ts";
import {
  type CriteriaInput,
  checkRuntimeInputPath,
  chooseFingerprinter,
  type Dev012Config,
  dev012Fingerprint,
  FINGERPRINT_CRITERIA,
  fingerprintLine,
  loadIncidentInput,
  REJECTED_ALTERNATIVES,
  readDev012Config,
} from "../../helpers/fingerprint/index.ts";
import { repoRoot } from "../../helpers/paths.ts";

interface Prepared {
  config: Dev012Config;
  criteria: CriteriaInput;
}

const test = defineSmoke({ ...dev012Fingerprint, recordings: {} });

// Prepared on first use inside a check (not before the checks), so that a bad DEV012_SMOKE_ENV or input file fails
// every check with the error naming the variable or path, and the evidence shows those failures.
const prepared = test.shared(
  "the DEV-012 input and fingerprinter",
  (): Prepared => {
    const config = readDev012Config();
    const input = loadIncidentInput(config.inputPath);
    const workDir = mkdtempSync(join(tmpdir(), "smokebook-dev012-"));
    const fingerprinter = chooseFingerprinter(config.command, { cwd: process.cwd() });
    return { config, criteria: { fingerprinter, inputPath: config.inputPath, input, workDir } };
  },
  { finish: ({ criteria }) => rmSync(criteria.workDir, { recursive: true, force: true }) },
);

test("runtime input follows the path policy (default fixture or DEV012_RUNTIME_INPUT_PATH)", async ({
  shared,
  annotate,
}) => {
  const { config } = await shared(prepared);
  // Override mode: resolve(DEV012_RUNTIME_INPUT_PATH); default mode: the checkout's fixture; the file exists.
  checkRuntimeInputPath(config.inputPath, config.env, process.env, process.cwd());
  await recordIds(
    { annotate },
    {
      env: config.env,
      input_source: config.inputSource,
      runtime_input: relative(repoRoot, config.inputPath).startsWith("..")
        ? config.inputPath
        : relative(repoRoot, config.inputPath),
    },
  );
  await recordSection({ annotate }, "ADR-0027 rejected alternatives", REJECTED_ALTERNATIVES);
});

test("emits one JSON line with runtime_input_path, env, fingerprint and utc", async ({ shared, annotate }) => {
  const { config, criteria } = await shared(prepared);
  const fingerprint = await criteria.fingerprinter.fingerprint(config.inputPath);
  const line = fingerprintLine(config, fingerprint, criteria.fingerprinter.description);
  checkRuntimeInputPath(line.runtime_input_path, config.env, process.env, process.cwd());
  // Printed raw on a line of its own by the main process (no worker prefix, no colour), once, and kept.
  await recordStdoutLine({ annotate }, "dev012-fingerprint", line);
  await recordIds({ annotate }, { fingerprint });
});

for (const criterion of FINGERPRINT_CRITERIA) {
  test(`fingerprint: ${criterion.name}`, async ({ shared, annotate }) => {
    const fingerprints = await criterion.check((await shared(prepared)).criteria);
    await recordJson({ annotate }, `dev012-criterion: ${criterion.name}`, fingerprints);
  });
}
