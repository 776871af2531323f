/**
 * The error a call throws, typed, so a self-test can assert on its fields: thrownError(CriterionError, () => check()).
 * An error of another class is rethrown as it is; a call that returns fails with EXPECTED_THROW naming the class.
 */
import { SmokebookError } from "../errors.ts";

type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

export function thrownError<T extends Error>(type: ErrorClass<T>, call: () => unknown): T {
  try {
    call();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new SmokebookError("EXPECTED_THROW", `expected the call to throw ${type.name}, but it returned`);
}
