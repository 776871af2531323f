/** Errors of the Databricks helpers and smokes, each with a stable code and the fields tests assert on. */
import { SmokebookError } from "../errors.ts";

/** A submit payload carries a classic-cluster field that serverless runs reject (the DEV-019 lesson). */
export class ServerlessSpecError extends SmokebookError {
  readonly field: string;

  constructor(field: string, reason: string) {
    super("SERVERLESS_FIELD_FORBIDDEN", `serverless submit must not set ${field}: ${reason}`);
    this.field = field;
  }
}

/** A run did not reach a terminal state before its deadline; it was cancelled (or the cancel failed). */
export class RunTimeoutError extends SmokebookError {
  readonly runId: number;
  readonly cancelled: boolean;

  constructor(runId: number, message: string, cancelled: boolean, cause: unknown) {
    super("RUN_TIMEOUT", message, { cause });
    this.runId = runId;
    this.cancelled = cancelled;
  }
}

/** A response that lacks what the API promises (e.g. runs/submit without run_id, a run without tasks[]). */
export class RunShapeError extends SmokebookError {
  constructor(message: string) {
    super("RUN_SHAPE", message);
  }
}

export type CriterionCode =
  | "RUN_NOT_SUCCESS"
  | "TASK_OUTPUT_ERROR"
  | "RED_UNEXPECTED_SUCCESS"
  | "RED_NO_RESULT_STATE"
  | "RED_NO_BOUNDARY_SIGNAL"
  | "WRAPPER_GUARDRAIL"
  | "VOLUME_NOT_LISTABLE";

/** A runbook criterion that the observed run, output or file does not meet. */
export class CriterionError extends SmokebookError {
  readonly criterion: string;

  constructor(code: CriterionCode, criterion: string, message: string) {
    super(code, `${criterion}: ${message}`);
    this.criterion = criterion;
  }
}

/** A check that depends on an earlier one which did not produce its result (defineSmoke's results.of). */
export { PrerequisiteError } from "../define-smoke/block-state.ts";
