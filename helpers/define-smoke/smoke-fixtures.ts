/**
 * The fixtures of a smoke's checks (vitest `test.extend`): the block or group scope a check runs in (found from its
 * suite's path), its skip note applied before anything opens, and mode, clock, evidence, wait, settings, results,
 * shared values and the system sessions, each from that scope.
 */
import { type TestContext, test as vitestTest } from "vitest";
import type { Clock } from "../clock.ts";
import type { DatabricksSession } from "../databricks/session.ts";
import { SmokebookError } from "../errors.ts";
import { type EvidenceRecorder, evidenceRecorder } from "../evidence/evidence-recorder.ts";
import type { RunMode } from "../gates.ts";
import type { HttpSession } from "../http/http-session.ts";
import type { ClusterConnection } from "../k8s-cluster/connect.ts";
import type { PollLine } from "../poll.ts";
import { skipOrFail } from "../smoke.ts";
import { createWaits, type Waits } from "../wait/waits.ts";
import type { CheckResults, Shared } from "./block-state.ts";
import type { SmokeScope } from "./smoke-scope.ts";

export interface SmokeFixtures<S = undefined> {
  mode: RunMode;
  clock: Clock;
  evidence: EvidenceRecorder;
  wait: Waits;
  settings: S;
  results: CheckResults;
  shared: <T>(value: Shared<T>) => Promise<T>;
  http: HttpSession;
  databricks: DatabricksSession;
  kube: ClusterConnection;
}

/** A suite's path below its file ("<name> [replay] > cluster"), the key of its scope. */
export function suiteKey(suite: TestContext["task"]["suite"]): string {
  const names: string[] = [];
  for (let s = suite; s && !("filepath" in s); s = s.suite) names.unshift(s.name);
  return names.join(" > ");
}

export function scopeOf(scopes: ReadonlyMap<string, SmokeScope>, task: TestContext["task"]): SmokeScope {
  for (let suite = task.suite; suite; suite = suite.suite) {
    const scope = scopes.get(suiteKey(suite));
    if (scope) return scope;
  }
  throw new SmokebookError("SMOKE_SCOPE_MISSING", `"${task.name}" does not run inside its smoke's block`);
}

export function fixturesFor<S>(scopes: ReadonlyMap<string, SmokeScope>) {
  return vitestTest.extend<SmokeFixtures<S> & { smokeScope: SmokeScope }>({
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
    settings: async ({ smokeScope }: { smokeScope: SmokeScope }, use: (value: S) => Promise<void>) =>
      use((await smokeScope.settings()) as S),
    results: async ({ smokeScope }, use) => use(smokeScope.results),
    shared: async (
      { smokeScope }: { smokeScope: SmokeScope },
      use: (value: SmokeFixtures<S>["shared"]) => Promise<void>,
    ) => use((value) => smokeScope.sharedValue(value)),
    http: async ({ smokeScope }, use) => use((await smokeScope.session<HttpSession>("http")).value),
    databricks: async ({ smokeScope }, use) => use((await smokeScope.session<DatabricksSession>("databricks")).value),
    kube: async ({ smokeScope }, use) => use((await smokeScope.session<ClusterConnection>("kube")).value),
  });
}
