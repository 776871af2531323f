/** Errors of the ADR-0015 secret resolution smoke; each names the key, variable, step or criterion it is about. */
import { SmokebookError } from "../errors.ts";

/** A secret key whose env-stub name cannot be derived (it has no letters or digits). */
export class SecretKeyError extends SmokebookError {
  readonly key: string;

  constructor(key: string, variable = "SECRET_SMOKE_KEY") {
    super(
      "SECRET_KEY_INVALID",
      `${variable}=${JSON.stringify(key)} has no letters or digits, so it has no SECRET_<NORMALIZED_KEY> name`,
    );
    this.key = key;
  }
}

/** A runbook criterion of the secret smoke does not hold. */
export class SecretCriterionError extends SmokebookError {
  readonly criterion: string;

  constructor(criterion: string, message: string) {
    super("SECRET_CRITERION_FAILED", `${criterion}: ${message}`);
    this.criterion = criterion;
  }
}

/** The resolver under test could not be run at all (python missing, callable not importable, no result). */
export class ResolverRunError extends SmokebookError {
  constructor(message: string, cause?: unknown) {
    super("SECRET_RESOLVER_RUN_FAILED", message, { cause });
  }
}
