/**
 * A smoke as a set of vitest fixtures:
 *
 *   const test = defineSmoke({
 *     name: "Example health smoke", gate: "RUN_<NAME>_SMOKE", credentials: [["EXAMPLE_HEALTH_URL"]],
 *     http: { url: "EXAMPLE_HEALTH_URL" }, recordings: { http: "fixtures/example-health/health.har" },
 *   });
 *   test("GET /health answers 200", async ({ http, wait, evidence }) => { … });
 *
 * The mode is decided once from the environment (gates.ts). Each check is registered under `<name> [<mode>]`; when
 * live cannot run, the checks are also listed under `<name> [live]`, each skipped with the exact reason (a failure
 * under SMOKEBOOK_STRICT=1). Fixtures: `mode`, `clock` (virtual in replay), `evidence`, `wait`, and the sessions
 * the smoke declares (`http`, `databricks`, `kube`), opened on first use and finished after the block's last check:
 * replay fails the file on an unused or unexpected request; record writes the recording only when every check of
 * the block passed (else `<name>.failed.har`).
 *
 * Checks must be declared at the top level of the test file (vitest collects the blocks after the file is loaded).
 */
import { afterAll, beforeEach, describe, type TestContext, type TestOptions, test as vitestTest } from "vitest";
import type { Clock } from "../clock.ts";
import type { DatabricksSession } from "../databricks/session.ts";
import { SmokebookError } from "../errors.ts";
import { type EvidenceRecorder, evidenceRecorder } from "../evidence/evidence-recorder.ts";
import { decideMode, type Env, type RunMode, type SmokeDefinition } from "../gates.ts";
import type { HttpSession, HttpSessionOptions } from "../http/http-session.ts";
import type { ClusterConnection } from "../k8s-cluster/connect.ts";
import type { PollLine } from "../poll.ts";
import { skipOrFail, tagsFor } from "../smoke.ts";
import { createWaits, type Waits } from "../wait/waits.ts";
import { databricksOpener, httpOpener, kubeOpener } from "./session-openers.ts";
import { type ScopeSessions, type SessionName, SmokeScope } from "./smoke-scope.ts";

export interface SmokeSpec extends Omit<SmokeDefinition, "recordings"> {
  /** The recording each session replays and record mode writes (paths from the project root). */
  recordings?: Partial<Record<SessionName, string>>;
  /** An HTTP session: where its base URL comes from in live and record mode. */
  http?: HttpSessionOptions;
  /** A Databricks session (client from the environment, as the Databricks CLI and SDK read it). */
  databricks?: true;
  /** A Kubernetes session (the kubeconfig's current context). */
  kube?: true;
  /** Read instead of process.env (self-tests). */
  env?: Env;
}

export interface SmokeFixtures {
  mode: RunMode;
  clock: Clock;
  evidence: EvidenceRecorder;
  wait: Waits;
  http: HttpSession;
  databricks: DatabricksSession;
  kube: ClusterConnection;
}

export type SmokeCheck = (context: SmokeFixtures & TestContext) => unknown;

export interface SmokeTest {
  (name: string, check: SmokeCheck, timeoutMs?: number): void;
  (name: string, options: TestOptions, check: SmokeCheck): void;
  /** The smoke as gates.ts sees it (name, gate, credentials, recordings, tags). */
  readonly definition: SmokeDefinition;
}

interface Registration {
  name: string;
  options: TestOptions;
  check: SmokeCheck;
}

function sessionsOf(spec: SmokeSpec): ScopeSessions {
  const openers: ScopeSessions["openers"] = {};
  if (spec.http) openers.http = httpOpener(spec.http);
  if (spec.databricks) openers.databricks = databricksOpener;
  if (spec.kube) openers.kube = kubeOpener;
  for (const name of Object.keys(spec.recordings ?? {})) {
    if (!(name in openers)) {
      throw new SmokebookError(
        "SMOKE_DEFINITION_INVALID",
        `${spec.name}: recordings.${name} is set but no ${name} session is declared (add \`${name}\` to defineSmoke)`,
      );
    }
  }
  return { openers, recordings: spec.recordings ?? {} };
}

function scopeOf(scopes: ReadonlyMap<string, SmokeScope>, task: TestContext["task"]): SmokeScope {
  for (let suite = task.suite; suite; suite = suite.suite) {
    const scope = scopes.get(suite.name);
    if (scope) return scope;
  }
  throw new SmokebookError("SMOKE_SCOPE_MISSING", `"${task.name}" does not run inside its smoke's block`);
}

function fixturesFor(scopes: ReadonlyMap<string, SmokeScope>) {
  return vitestTest.extend<SmokeFixtures & { smokeScope: SmokeScope }>({
    smokeScope: [
      async ({ task, skip, annotate }, use) => {
        const scope = scopeOf(scopes, task);
        if (scope.skipNote !== undefined) skipOrFail({ skip, annotate }, scope.skipNote, { env: scope.env });
        await use(scope);
      },
      { auto: true },
    ],
    mode: async ({ smokeScope }, use) => use(smokeScope.mode),
    clock: async ({ smokeScope }, use) => use(await smokeScope.clock()),
    evidence: async ({ annotate }, use) => use(evidenceRecorder({ annotate })),
    wait: async ({ smokeScope, clock, evidence, signal }, use) => {
      const pending: Promise<void>[] = [];
      const live = smokeScope.mode !== "replay";
      const onPoll = (line: PollLine) => {
        pending.push(evidence.poll(line));
        if (live)
          console.log(
            `[${smokeScope.smoke}] ${line.utc} ${line.state} (${line.elapsedSeconds}s, poll ${line.attempt}): ${line.condition}`,
          );
      };
      await use(createWaits({ clock, signal, onPoll }));
      await Promise.all(pending);
    },
    http: async ({ smokeScope }, use) => use((await smokeScope.session<HttpSession>("http")).value),
    databricks: async ({ smokeScope }, use) => use((await smokeScope.session<DatabricksSession>("databricks")).value),
    kube: async ({ smokeScope }, use) => use((await smokeScope.session<ClusterConnection>("kube")).value),
  });
}

export function defineSmoke(spec: SmokeSpec): SmokeTest {
  const env = spec.env ?? process.env;
  const sessions = sessionsOf(spec);
  const { env: _env, http: _http, databricks: _db, kube: _kube, recordings, ...rest } = spec;
  const definition: SmokeDefinition = { ...rest, recordings: Object.values(recordings ?? {}) };
  const registrations: Registration[] = [];
  const scopes = new Map<string, SmokeScope>();
  const test = fixturesFor(scopes);
  let collecting = false;

  const block = (mode: RunMode, skipNote: string | undefined) => {
    const title = `${definition.name} [${mode}]`;
    describe(title, { tags: tagsFor(definition, mode) }, () => {
      collecting = true;
      const scope = new SmokeScope(definition.name, mode, skipNote, env, sessions);
      scopes.set(title, scope);
      beforeEach(({ task, onTestFailed }) => onTestFailed(() => void scope.failed.push(task.name)));
      for (const r of registrations) test(r.name, r.options, r.check as Parameters<typeof test>[2]);
      afterAll(async () => {
        for (const line of await scope.finish()) console.log(`[${definition.name}] ${line}`);
      });
    });
  };

  const decision = decideMode(definition, env);
  if (decision.run === "skip") block("live", decision.note);
  else {
    if (decision.liveSkipNote !== undefined) block("live", decision.liveSkipNote);
    block(decision.run, undefined);
  }

  const register = (name: string, second: SmokeCheck | TestOptions, third?: SmokeCheck | number) => {
    if (collecting) {
      throw new SmokebookError(
        "SMOKE_CHECK_LATE",
        `check "${name}" of ${definition.name} was declared after vitest collected the smoke: declare checks at the top level of the test file`,
      );
    }
    if (typeof second === "function") {
      registrations.push({ name, check: second, options: typeof third === "number" ? { timeout: third } : {} });
    } else if (typeof third === "function") {
      registrations.push({ name, check: third, options: second });
    } else {
      throw new SmokebookError("SMOKE_CHECK_INVALID", `check "${name}" of ${definition.name} has no function`);
    }
  };
  return Object.assign(register as SmokeTest, { definition });
}
