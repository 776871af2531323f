/**
 * What the checks of one mode block share, instead of `let x: T | undefined` and prerequisite():
 *   const submit = test("run is submitted", async ({ databricks }) => submitRun(databricks));   // a Check<Run>
 *   test("run ends SUCCESS", ({ results }) => assertSucceeded(results.of(submit)));
 *   const input = test.shared(({ settings }) => loadInput(settings), { finish: (i) => i.cleanup() });
 *   test("input is valid", async ({ shared }) => check(await shared(input)));
 * A check's result is what it returned when it passed, in this block; `results.of` of a check that failed, was
 * skipped or has not run throws a PrerequisiteError naming it. A shared value is made on first use in its block
 * (or group, when declared inside test.group), and finished once after the last check there, told which failed.
 */
import { SmokebookError } from "../errors.ts";
import type { Env, RunMode } from "../gates.ts";

/** A check of a smoke, as `test(...)` returns it; its result type is what the check returns. */
export interface Check<T> {
  readonly name: string;
  /** Type only: the check's result. */
  readonly __result?: T;
}

/** The checks' results in the running block. */
export interface CheckResults {
  /** The value `check` returned in this block; a PrerequisiteError (`missing`, else naming the check) otherwise. */
  of<T>(check: Check<T>, missing?: string): Awaited<T>;
  /** Whether `check` has passed in this block. */
  passed(check: Check<unknown>): boolean;
  /** Whether `check` has failed in this block (a skipped or not yet run check has not). */
  failed(check: Check<unknown>): boolean;
}

export interface SharedContext<S> {
  mode: RunMode;
  env: Env;
  /** The smoke's settings (defineSmoke `settings`), read once per block. */
  settings(): Promise<S>;
  /** Another shared value this one is made from (declared in this scope or an enclosing one). */
  shared<T>(value: Shared<T>): Promise<T>;
}

export interface SharedOptions<T> {
  /** After the last check of its block or group; `failed` names the checks there that failed. */
  finish?: (value: T, failed: ReadonlyArray<string>) => unknown;
}

/** A value the checks of a block (or group) share, as `test.shared(...)` returns it. */
export interface Shared<T> {
  readonly label: string;
  /** Type only: the shared value. */
  readonly __value?: T;
}

/** A check that depends on an earlier one which did not produce its result. */
export class PrerequisiteError extends SmokebookError {
  constructor(message: string) {
    super("PREREQUISITE_MISSING", message);
  }
}

/** The results of one block's checks, kept as they pass or fail. */
export class BlockResults implements CheckResults {
  readonly #values = new Map<Check<unknown>, unknown>();
  readonly #failed = new Set<Check<unknown>>();

  pass(check: Check<unknown>, value: unknown): void {
    this.#values.set(check, value);
  }

  fail(check: Check<unknown>): void {
    this.#failed.add(check);
  }

  of<T>(check: Check<T>, missing?: string): Awaited<T> {
    if (!this.#values.has(check)) {
      throw new PrerequisiteError(
        missing ?? `"${check.name}" did not produce its result in this run (see that check's failure or skip note)`,
      );
    }
    return this.#values.get(check) as Awaited<T>;
  }

  passed(check: Check<unknown>): boolean {
    return this.#values.has(check);
  }

  failed(check: Check<unknown>): boolean {
    return this.#failed.has(check);
  }
}
