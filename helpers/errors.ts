/**
 * Error classes shared by every smoke. Each carries a stable `code` that tests and the evidence assert on,
 * and keeps the underlying failure as `cause`.
 */

export class SmokebookError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An environment variable has a value smokebook refuses to guess about. */
export class EnvValueError extends SmokebookError {
  readonly variable: string;
  readonly value: string;

  constructor(variable: string, value: string, expected: string) {
    super("ENV_VALUE_INVALID", `${variable}=${JSON.stringify(value)} is not allowed: expected ${expected}`);
    this.variable = variable;
    this.value = value;
  }
}

/** A check that would have been skipped while SMOKEBOOK_STRICT=1 forbids skips. */
export class StrictSkipError extends SmokebookError {
  readonly note: string;

  constructor(note: string) {
    super("STRICT_SKIP", `SMOKEBOOK_STRICT=1 forbids skipping: ${note}`);
    this.note = note;
  }
}
