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
 * under SMOKEBOOK_STRICT=1). Fixtures: `mode`, `clock` (virtual in replay), `evidence`, `wait`, the smoke's
 * `settings` (read once per block; in replay with its Databricks recording's poll settings), `results` and `shared`
 * (what the checks of a block share: block-state.ts), and the sessions the smoke declares (`http`, `databricks`,
 * `kube`), opened on first use and finished after the block's last check: replay fails the file on an unused or
 * unexpected request; record writes the recording only when every check of the block passed (else
 * `<name>.failed.har`). `test.group(title, body)` nests checks that get their own sessions (optionally their own
 * recordings) and shared values, finished after the group's last check.
 *
 * Checks must be declared at the top level of the test file (vitest collects the blocks after the file is loaded).
 */
import { afterAll, beforeEach, describe, type TestContext, type TestOptions } from "vitest";
import { SmokebookError } from "../errors.ts";
import { decideMode, type Env, type RunMode, type SmokeDefinition } from "../gates.ts";
import type { HttpSessionOptions } from "../http/http-session.ts";
import { tagsFor } from "../smoke.ts";
import type { Check, Shared, SharedContext, SharedOptions } from "./block-state.ts";
import {
  type DatabricksSessionSpec,
  databricksOpener,
  httpOpener,
  type KubeSessionSpec,
  kubeOpener,
} from "./session-openers.ts";
import { fixturesFor, type SmokeFixtures, scopeOf, suiteKey } from "./smoke-fixtures.ts";
import {
  type ScopeSessions,
  type SessionName,
  type SettingsInput,
  type SharedSpec,
  SmokeScope,
} from "./smoke-scope.ts";

export type { SmokeFixtures };

export interface SmokeSpec<S = undefined> extends Omit<SmokeDefinition, "recordings"> {
  /** The recording each session replays and record mode writes (paths from the project root). */
  recordings?: Partial<Record<SessionName, string>>;
  /** Further recordings replay mode needs (a group's own, a session a check opens itself). */
  otherRecordings?: ReadonlyArray<string>;
  /** The prefix of the console lines about recordings written, `[<label>] …` (default: the name). */
  label?: string;
  /** The smoke's settings, read once per block on first use (a bad value fails the checks that use them). */
  settings?: (input: SettingsInput) => S;
  /** An HTTP session: where its base URL comes from in live and record mode. */
  http?: HttpSessionOptions;
  /** A Databricks session (client from the environment, as the Databricks CLI and SDK read it). */
  databricks?: true | DatabricksSessionSpec<S>;
  /** A Kubernetes session (the kubeconfig's current context). */
  kube?: true | KubeSessionSpec;
  /**
   * False: no replay block is registered (e.g. the recordings are of the embedded sample and another contract is
   * under test); live stays as the gate decides. Default true.
   */
  replay?: boolean;
  /** Read instead of process.env (self-tests). */
  env?: Env;
}

export type SmokeCheck<S = undefined, T = unknown> = (context: SmokeFixtures<S> & TestContext) => T;

export interface GroupOptions {
  /** The recordings this group's sessions use instead of the smoke's. */
  recordings?: Partial<Record<SessionName, string>>;
  /** Only the blocks of these modes list the group (e.g. one group per recorded scenario in replay). */
  modes?: ReadonlyArray<RunMode>;
}

export interface SmokeTest<S = undefined> {
  <T>(name: string, check: SmokeCheck<S, T>, timeoutMs?: number): Check<T>;
  <T>(name: string, options: TestOptions, check: SmokeCheck<S, T>): Check<T>;
  /** A value the checks of the block (or of the group it is declared in) share, made on first use. */
  shared<T>(open: (context: SharedContext<S>) => T | Promise<T>, options?: SharedOptions<T>): Shared<T>;
  shared<T>(label: string, open: (context: SharedContext<S>) => T | Promise<T>, options?: SharedOptions<T>): Shared<T>;
  /**
   * Checks under `title` with their own sessions and shared values, finished after the group's last check; returns
   * what `body` returns (e.g. its checks or shared values, for checks after the group).
   */
  group<R>(title: string, body: () => R): R;
  group<R>(title: string, options: GroupOptions, body: () => R): R;
  /** What `body` declares, listed only in the blocks of these modes (no group of its own). */
  inModes<R>(modes: ReadonlyArray<RunMode>, body: () => R): R;
  /** The smoke as gates.ts sees it (name, gate, credentials, recordings, tags). */
  readonly definition: SmokeDefinition;
  /** The modes of the blocks the smoke lists, in order (e.g. ["live", "replay"]: live listing its checks skipped). */
  readonly modes: ReadonlyArray<RunMode>;
}

interface CheckNode {
  kind: "check";
  ref: Check<unknown>;
  options: TestOptions;
  check: SmokeCheck<never, unknown>;
}

interface GroupNode {
  kind: "group";
  /** Undefined for test.inModes: its declarations belong to the enclosing block or group. */
  title: string | undefined;
  modes: ReadonlyArray<RunMode> | undefined;
  recordings: Partial<Record<SessionName, string>>;
  nodes: Array<CheckNode | GroupNode>;
  shared: SharedSpec[];
}

function sessionsOf<S>(spec: SmokeSpec<S>): ScopeSessions {
  const openers: ScopeSessions["openers"] = {};
  if (spec.http) openers.http = httpOpener(spec.http);
  if (spec.databricks) openers.databricks = databricksOpener(spec.databricks);
  if (spec.kube) openers.kube = kubeOpener(spec.kube === true ? {} : spec.kube);
  for (const name of Object.keys(spec.recordings ?? {})) {
    if (!(name in openers)) {
      throw new SmokebookError(
        "SMOKE_DEFINITION_INVALID",
        `${spec.name}: recordings.${name} is set but no ${name} session is declared (add \`${name}\` to defineSmoke)`,
      );
    }
  }
  return { openers, recordings: spec.recordings ?? {}, settings: spec.settings };
}

/** The check as vitest runs it: its result kept for later checks; vitest reads the fixtures it uses from `check`. */
function runnable(node: CheckNode) {
  const run = async (context: SmokeFixtures<never> & TestContext & { smokeScope: SmokeScope }) => {
    const value = await node.check(context);
    context.smokeScope.results.pass(node.ref, value);
  };
  run.toString = () => node.check.toString();
  return run;
}

export function defineSmoke<S = undefined>(spec: SmokeSpec<S>): SmokeTest<S> {
  const env = spec.env ?? process.env;
  const sessions = sessionsOf(spec);
  const {
    env: _e,
    http: _h,
    databricks: _d,
    kube: _k,
    settings: _s,
    replay: _r,
    label,
    recordings,
    otherRecordings,
    ...rest
  } = spec;
  const definition: SmokeDefinition = {
    ...rest,
    recordings: [...Object.values(recordings ?? {}), ...(otherRecordings ?? [])],
  };
  const root: GroupNode = { kind: "group", title: "", modes: undefined, recordings: {}, nodes: [], shared: [] };
  let current = root;
  /** The block or titled group whose scope keeps what is declared now (test.inModes has none of its own). */
  let owner = root;
  const scopes = new Map<string, SmokeScope>();
  const checks = new Map<string, Check<unknown>>();
  const test = fixturesFor<S>(scopes);
  let collecting = false;

  const finishing = (scope: SmokeScope) => async () => {
    for (const line of await scope.finish()) console.log(`[${label ?? definition.name}] ${line}`);
  };
  const registerNodes = (group: GroupNode, scope: SmokeScope, key: string) => {
    for (const node of group.nodes) {
      if (node.kind === "check") {
        for (const s of scope.chain()) s.registered += 1;
        checks.set(`${key} > ${node.ref.name}`, node.ref);
        test(node.ref.name, node.options, runnable(node) as Parameters<typeof test>[2]);
        continue;
      }
      if (node.modes && !node.modes.includes(scope.mode)) continue;
      if (node.title === undefined) {
        registerNodes(node, scope, key);
        continue;
      }
      const title = node.title;
      describe(title, () => {
        const own = { ...scope.sessions, recordings: { ...scope.sessions.recordings, ...node.recordings } };
        const child = new SmokeScope(definition.name, scope.mode, scope.skipNote, env, own, node.shared, scope);
        const childKey = `${key} > ${title}`;
        scopes.set(childKey, child);
        registerNodes(node, child, childKey);
        afterAll(finishing(child));
      });
    }
  };

  const block = (mode: RunMode, skipNote: string | undefined) => {
    const title = `${definition.name} [${mode}]`;
    describe(title, { tags: tagsFor(definition, mode) }, () => {
      collecting = true;
      const scope = new SmokeScope(definition.name, mode, skipNote, env, sessions, root.shared);
      scopes.set(title, scope);
      beforeEach(({ task, onTestFailed }) => {
        const inner = scopeOf(scopes, task);
        for (const s of inner.chain()) s.ran += 1;
        onTestFailed(() => {
          for (const s of inner.chain()) s.failed.push(task.name);
          const ref = checks.get(`${suiteKey(task.suite)} > ${task.name}`);
          if (ref) inner.results.fail(ref);
        });
      });
      registerNodes(root, scope, title);
      afterAll(finishing(scope));
    });
  };

  const decision = decideMode(definition, env);
  const modes: RunMode[] = [];
  if (decision.run === "skip") modes.push("live");
  else {
    if (decision.liveSkipNote !== undefined) modes.push("live");
    if (decision.run !== "replay" || spec.replay !== false) modes.push(decision.run);
  }
  for (const mode of modes) {
    block(mode, decision.run === mode ? undefined : decision.run === "skip" ? decision.note : decision.liveSkipNote);
  }

  const refuseLate = (what: string) => {
    if (collecting) {
      throw new SmokebookError(
        "SMOKE_CHECK_LATE",
        `${what} of ${definition.name} was declared after vitest collected the smoke: declare checks at the top level of the test file`,
      );
    }
  };
  const register = (name: string, second: SmokeCheck<S> | TestOptions, third?: SmokeCheck<S> | number) => {
    refuseLate(`check "${name}"`);
    const ref: Check<unknown> = { name };
    if (typeof second === "function") {
      const options = typeof third === "number" ? { timeout: third } : {};
      current.nodes.push({ kind: "check", ref, check: second as CheckNode["check"], options });
    } else if (typeof third === "function") {
      current.nodes.push({ kind: "check", ref, check: third as CheckNode["check"], options: second });
    } else {
      throw new SmokebookError("SMOKE_CHECK_INVALID", `check "${name}" of ${definition.name} has no function`);
    }
    return ref;
  };
  const shared = (...args: unknown[]) => {
    const [label, open, options] =
      typeof args[0] === "string" ? args : [`a value shared by ${definition.name}'s checks`, ...args];
    refuseLate(label as string);
    const ref: Shared<unknown> = { label: label as string };
    owner.shared.push({ ref, open: open as SharedSpec["open"], options: (options ?? {}) as SharedSpec["options"] });
    return ref;
  };
  const nest = (node: GroupNode, body: () => unknown) => {
    current.nodes.push(node);
    const [outerCurrent, outerOwner] = [current, owner];
    current = node;
    if (node.title !== undefined) owner = node;
    try {
      return body();
    } finally {
      [current, owner] = [outerCurrent, outerOwner];
    }
  };
  const group = (title: string, second: GroupOptions | (() => unknown), third?: () => unknown) => {
    refuseLate(`group "${title}"`);
    const body = typeof second === "function" ? second : third;
    const options = typeof second === "function" ? {} : second;
    if (!body) throw new SmokebookError("SMOKE_CHECK_INVALID", `group "${title}" of ${definition.name} has no body`);
    const recordings = options.recordings ?? {};
    return nest({ kind: "group", title, modes: options.modes, recordings, nodes: [], shared: [] }, body);
  };
  const inModes = (modes: ReadonlyArray<RunMode>, body: () => unknown) => {
    refuseLate(`checks for ${modes.join("/")}`);
    return nest({ kind: "group", title: undefined, modes, recordings: {}, nodes: [], shared: [] }, body);
  };
  return Object.assign(register as SmokeTest<S>, { definition, modes, shared, group, inModes }) as SmokeTest<S>;
}
