/**
 * Registers a smoke's checks with vitest according to its mode decision (helpers/gates.ts).
 *
 *   describeSmoke(dev019, (s) => {
 *     s.it("parent and task run end TERMINATED + SUCCESS", async (ctx) => { … s.mode … });
 *   });
 *
 * When live cannot run, the checks are still listed under "[live]" and each one is skipped through
 * ctx.skip(note) with the exact reason; with recordings present the same checks then run under "[replay]".
 * SMOKEBOOK_STRICT=1 turns every such skip into a failure.
 */
import { afterAll, beforeAll, describe, it, type TestContext } from "vitest";
import { StrictSkipError } from "./errors.ts";
import { decideMode, type Env, isStrict, type RunMode, readSwitch, type SmokeDefinition } from "./gates.ts";

export interface SmokeScope {
  readonly mode: RunMode;
  readonly smoke: SmokeDefinition;
  /** False when this scope only lists the checks to skip them. */
  readonly active: boolean;
  it(name: string, fn: (ctx: TestContext) => Promise<void> | void, timeoutMs?: number): void;
  beforeAll(fn: () => Promise<void> | void, timeoutMs?: number): void;
  afterAll(fn: () => Promise<void> | void, timeoutMs?: number): void;
}

export interface SkipOptions {
  env?: Env;
  /** A 1/0 switch that, when 1, forbids this particular skip (e.g. SMOKEBOOK_REQUIRE_DOCKER). */
  requiredBy?: string;
}

/** Skips the running check with `note`, or fails it when SMOKEBOOK_STRICT (or `requiredBy`) is 1. */
export function skipOrFail(
  ctx: Pick<TestContext, "skip"> & Partial<Pick<TestContext, "annotate">>,
  note: string,
  options: SkipOptions = {},
): never {
  const env = options.env ?? process.env;
  if (options.requiredBy && readSwitch(env, options.requiredBy)) {
    throw new StrictSkipError(`${options.requiredBy}=1 requires this check: ${note}`);
  }
  if (isStrict(env)) throw new StrictSkipError(note);
  // junit and the UI list annotations: the note travels there too (the default reporter omits it for passing files).
  void ctx.annotate?.(`skipped: ${note}`, "skip-note");
  return ctx.skip(note);
}

function scope(smoke: SmokeDefinition, mode: RunMode, skipNote: string | undefined, env: Env): SmokeScope {
  const active = skipNote === undefined;
  return {
    mode,
    smoke,
    active,
    it: (name, fn, timeoutMs) =>
      it(name, { timeout: timeoutMs }, async (ctx) => {
        if (skipNote !== undefined) skipOrFail(ctx, skipNote, { env });
        await fn(ctx);
      }),
    beforeAll: (fn, timeoutMs) => {
      if (active) beforeAll(fn, timeoutMs);
    },
    afterAll: (fn, timeoutMs) => {
      if (active) afterAll(fn, timeoutMs);
    },
  };
}

/** The tags of a smoke's mode block: its mode (`live`, `replay`, `record`) and the smoke's own. */
export function tagsFor(smoke: Pick<SmokeDefinition, "tags">, mode: RunMode): string[] {
  const modeTags = mode === "replay" ? ["replay"] : mode === "record" ? ["live", "record"] : ["live"];
  return [...modeTags, ...(smoke.tags ?? [])];
}

export function describeSmoke(smoke: SmokeDefinition, body: (scope: SmokeScope) => void, env: Env = process.env): void {
  const decision = decideMode(smoke, env);
  if (decision.run === "skip") {
    describe(`${smoke.name} [live]`, { tags: tagsFor(smoke, "live") }, () =>
      body(scope(smoke, "live", decision.note, env)),
    );
    return;
  }
  if (decision.liveSkipNote !== undefined) {
    describe(`${smoke.name} [live]`, { tags: tagsFor(smoke, "live") }, () =>
      body(scope(smoke, "live", decision.liveSkipNote, env)),
    );
  }
  const mode = decision.run;
  describe(`${smoke.name} [${mode}]`, { tags: tagsFor(smoke, mode) }, () => body(scope(smoke, mode, undefined, env)));
}
