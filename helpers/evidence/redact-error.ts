/** Redacts a serialized test or suite error in place (message, stack, diff, expected/actual, causes). */
import { redactText } from "../redact.ts";

export type SerializedError = Record<string, unknown>;

export function redactError(error: SerializedError): void {
  for (const key of ["message", "stack", "stackStr", "diff", "expected", "actual", "name", "codeFrame"]) {
    const value = error[key];
    if (typeof value === "string") error[key] = redactText(value);
  }
  if (error.cause && typeof error.cause === "object") redactError(error.cause as SerializedError);
}
