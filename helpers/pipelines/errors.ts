/** Errors of the pipelines operations checks (runbook 003). Each has a stable code and names what it is about. */
import { SmokebookError } from "../errors.ts";

/** A dataset folder (fixtures/pipelines/<name> or PIPELINES_DATASET_DIR) is missing a file, a column or a field. */
export class PipelinesDatasetError extends SmokebookError {
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super("PIPELINES_DATASET_INVALID", `${path}: ${message}`, options);
    this.path = path;
  }
}

/** The checks only read: a statement that could change a table is refused before it reaches an engine. */
export class ReadOnlyStatementError extends SmokebookError {
  readonly statement: string;

  constructor(statement: string, reason: string) {
    super(
      "PIPELINES_STATEMENT_NOT_READ_ONLY",
      `refused to run a statement that is not read-only (${reason}): ${statement.trim().slice(0, 120)}`,
    );
    this.statement = statement;
  }
}

/** A SQL statement ended FAILED, CANCELED or CLOSED on the warehouse, or DuckDB rejected it. */
export class PipelinesSqlError extends SmokebookError {
  readonly engine: string;
  readonly statementId: string | undefined;
  readonly state: string | undefined;
  readonly errorCode: string | undefined;

  constructor(
    engine: string,
    message: string,
    details: { statementId?: string; state?: string; errorCode?: string; cause?: unknown } = {},
  ) {
    super("PIPELINES_SQL_FAILED", `${engine}: ${message}`, { cause: details.cause });
    this.engine = engine;
    this.statementId = details.statementId;
    this.state = details.state;
    this.errorCode = details.errorCode;
  }
}

/** A check's verdict was FAIL; the message names the rows that made it fail. */
export class PipelineCheckFailedError extends SmokebookError {
  readonly check: string;
  readonly findings: ReadonlyArray<Record<string, unknown>>;

  constructor(check: string, summary: string, findings: ReadonlyArray<Record<string, unknown>>) {
    super("PIPELINES_CHECK_FAILED", `${check}: ${summary}`);
    this.check = check;
    this.findings = findings;
  }
}

/** runs/get returned a run triage cannot read (no run_id, no tasks[], a task without task_key or run_id). */
export class TriageShapeError extends SmokebookError {
  constructor(message: string) {
    super("PIPELINES_TRIAGE_SHAPE", message);
  }
}
