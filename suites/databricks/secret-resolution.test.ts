// @module-tag databricks
/**
 * Databricks real-environment secret smoke (ADR-0015), the runbook's three steps plus its criteria:
 *   1 auth context (SCIM Me) · 2 env stub first, no scope read · 3 scope fallback, scope variable recorded ·
 *   precedence (DATABRICKS_SECRET_SCOPE before KEY_VAULT_SECRET_SCOPE) · classification (Permanent/Transient).
 * The resolver under test is the built-in one (helpers/secrets/resolver.ts) or GET_SECRET_CALLABLE run through
 * python. Every resolver talks to a loopback "front" (helpers/secrets/workspace-front.ts) that forwards to the
 * workspace (live/record) or answers from the recording (replay), so every scope read is observed on the wire.
 * Secret values never leave the process: only their length and a per-run HMAC are recorded.
 *   live:    RUN_SECRET_SMOKE=1 DATABRICKS_HOST=… DATABRICKS_TOKEN=… SECRET_SMOKE_KEY=… DATABRICKS_SECRET_SCOPE=…
 *   record:  the same with SMOKEBOOK_MODE=record (writes fixtures/secret-resolution/steps.har when every check
 *            passed, else steps.failed.har beside it)
 *   replay:  without the gate, from fixtures/secret-resolution/*.har
 */
import { expect } from "vitest";
import { createWorkspaceClient, workspaceUrl } from "../../helpers/databricks/client.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson, recordSection } from "../../helpers/evidence/record.ts";
import type { RunMode } from "../../helpers/gates.ts";
import { fromRoot } from "../../helpers/paths.ts";
import { harLog, loadHar, ReplayLedger, recordTarget, saveHar } from "../../helpers/replay/index.ts";
import { saveRecording } from "../../helpers/replay/recording-result.ts";
import { checkClassification, classificationTable } from "../../helpers/secrets/classification.ts";
import { CRITERIA } from "../../helpers/secrets/criteria.ts";
import { type ErrorCase, loadErrorCases } from "../../helpers/secrets/error-cases.ts";
import { checkReadOnly } from "../../helpers/secrets/read-only.ts";
import {
  builtInResolver,
  PYTHON_RUNNER_SCRIPT,
  pythonResolver,
  type StepOutput,
} from "../../helpers/secrets/resolver-under-test.ts";
import { classify, envFirst, precedence, type SecretSmoke, scopeFallback } from "../../helpers/secrets/secret-smoke.ts";
import { workspaceSecretsApi } from "../../helpers/secrets/secrets-api.ts";
import {
  readSecretSmokeSettings,
  recordedSettings,
  type SecretSmokeSettings,
  settingsFromRecording,
} from "../../helpers/secrets/settings.ts";
import { ERRORS_HAR, STEPS_HAR, secretResolution } from "../../helpers/secrets/smoke-definition.ts";
import { startWorkspaceFront } from "../../helpers/secrets/workspace-front.ts";

interface Prepared extends SecretSmoke {
  mode: RunMode;
  workspace: string;
  ledger: ReplayLedger | undefined;
  errorCases: ErrorCase[];
}

function outputOf(output: StepOutput | undefined) {
  return output
    ? { stdout: output.stdout, stderr: output.stderr }
    : { stdout: "(built-in resolver: no process)", stderr: "" };
}

const test = defineSmoke({ ...secretResolution, recordings: {}, otherRecordings: secretResolution.recordings });

// Prepared on first use inside a check, so a bad setting fails the checks (and shows in the evidence).
const prepared = test.shared(
  "the secret smoke's resolver and workspace front",
  async ({ mode }): Promise<Prepared> => {
    const errorCases = loadErrorCases(fromRoot(ERRORS_HAR), ERRORS_HAR);
    let settings: SecretSmokeSettings;
    let ledger: ReplayLedger | undefined;
    let workspace: string;
    let front: Prepared["front"];
    if (mode === "replay") {
      const har = loadHar(fromRoot(STEPS_HAR), STEPS_HAR);
      settings = settingsFromRecording(har, STEPS_HAR);
      ledger = new ReplayLedger(har, STEPS_HAR);
      front = await startWorkspaceFront({ upstream: { kind: "replay", ledger } });
      workspace = `replay of ${STEPS_HAR}`;
    } else {
      settings = readSecretSmokeSettings();
      const client = createWorkspaceClient();
      workspace = await workspaceUrl(client);
      front = await startWorkspaceFront({
        upstream: { kind: "forward", client },
        record: mode === "record",
        timeoutMs: settings.timeoutMs,
      });
    }
    const resolver = settings.callable
      ? pythonResolver(settings.callable, { python: settings.python, timeoutMs: settings.timeoutMs })
      : builtInResolver(settings.timeoutMs);
    return { mode, settings, resolver, front, errorCases, workspace, ledger };
  },
  {
    finish: async (p, failed) => {
      await p.front.close();
      if (p.mode !== "record") return;
      const comment = JSON.stringify(recordedSettings(p.settings, p.resolver.description, p.workspace));
      const recorder = { save: (path: string) => saveHar(path, harLog([...p.front.recorded], comment)) };
      console.log(`[secret smoke] ${saveRecording(recorder, recordTarget(STEPS_HAR), failed, process.env).message}`);
    },
  },
);

test(CRITERIA.authContext, async ({ shared, annotate }) => {
  const p = await shared(prepared);
  const client = createWorkspaceClient({ DATABRICKS_HOST: p.front.url, DATABRICKS_TOKEN: p.front.token });
  const me = await workspaceSecretsApi(client, p.settings.timeoutMs).currentUser();
  expect(me.userName, "SCIM Me returned no userName").toBeTruthy();
  await recordIds({ annotate }, { user: me.userName, workspace: p.workspace });
  await recordJson({ annotate }, "secret-smoke-context", {
    workspace: p.workspace,
    user: me.userName,
    resolver: p.resolver.description,
    // Each step's command (runner + variable names) is in its own record; this is the script python runs with -c.
    runner_script: p.settings.callable ? PYTHON_RUNNER_SCRIPT : null,
    SECRET_SMOKE_KEY: p.settings.key,
    DATABRICKS_SECRET_SCOPE: p.settings.scopes.DATABRICKS_SECRET_SCOPE ?? null,
    KEY_VAULT_SECRET_SCOPE: p.settings.scopes.KEY_VAULT_SECRET_SCOPE ?? null,
    mode: p.mode,
  });
});

test(CRITERIA.envFirst, async ({ shared, annotate }) => {
  const { run, evidence } = await envFirst(await shared(prepared));
  await recordJson({ annotate }, "secret-step-2", {
    ...evidence,
    command: run.command,
    ...outputOf(run.outcome.output),
  });
  await recordIds({ annotate }, { stub: evidence.stub_variable, scope_reads: evidence.scope_reads });
});

test(CRITERIA.scopeFallback, async ({ shared, annotate }) => {
  const { run, evidence } = await scopeFallback(await shared(prepared));
  await recordJson({ annotate }, "secret-step-3", {
    ...evidence,
    command: run.command,
    ...outputOf(run.outcome.output),
  });
  await recordIds({ annotate }, { scope_variable: evidence.scope_variable, value_length: evidence.value.length });
});

test(CRITERIA.precedence, async ({ shared, annotate }) => {
  const { run, reads } = await precedence(await shared(prepared));
  await recordJson({ annotate }, "secret-precedence", { scope_reads: reads, command: run.command });
});

test(CRITERIA.classification, async ({ shared, annotate }) => {
  const rows = await classify(await shared(prepared));
  await recordSection({ annotate }, "Secret failure classification", classificationTable(rows));
  checkClassification(rows);
});

test(CRITERIA.readOnly, async ({ shared, annotate }) => {
  const p = await shared(prepared);
  checkReadOnly(p.front.observed);
  p.ledger?.assertComplete();
  await recordIds({ annotate }, { requests: p.front.observed.length });
});
