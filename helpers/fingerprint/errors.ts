/** Errors of the DEV-012 fingerprint smoke. Each names the file, variable, command or criterion it is about. */
import { SmokebookError } from "../errors.ts";

export type RuntimeInputProblem = "missing" | "unreadable" | "invalid-json" | "invalid-shape";

const INPUT_CODES: Record<RuntimeInputProblem, string> = {
  missing: "RUNTIME_INPUT_MISSING",
  unreadable: "RUNTIME_INPUT_UNREADABLE",
  "invalid-json": "RUNTIME_INPUT_INVALID_JSON",
  "invalid-shape": "RUNTIME_INPUT_INVALID_SHAPE",
};

/** The runtime input file cannot be used: it is missing, unreadable, not JSON, or not an incident input. */
export class RuntimeInputError extends SmokebookError {
  readonly path: string;
  readonly problem: RuntimeInputProblem;

  constructor(problem: RuntimeInputProblem, path: string, detail: string, cause?: unknown) {
    super(INPUT_CODES[problem], `DEV-012 runtime input ${path}: ${detail}`, { cause });
    this.path = path;
    this.problem = problem;
  }
}

/** DEV012_FINGERPRINT_COMMAND failed, timed out, or printed something without a `fingerprint` field. */
export class FingerprintCommandError extends SmokebookError {
  readonly command: string;
  readonly inputPath: string;

  constructor(command: string, inputPath: string, detail: string, cause?: unknown) {
    super("FINGERPRINT_COMMAND_FAILED", `DEV012_FINGERPRINT_COMMAND (${command}) on ${inputPath}: ${detail}`, {
      cause,
    });
    this.command = command;
    this.inputPath = inputPath;
  }
}

/** A fingerprint criterion does not hold; names the criterion and the fingerprints it compared. */
export class FingerprintCriterionError extends SmokebookError {
  readonly criterion: string;
  readonly fingerprints: Readonly<Record<string, string>>;

  constructor(criterion: string, detail: string, fingerprints: Record<string, string>) {
    const shown = Object.entries(fingerprints)
      .map(([name, value]) => `${name}=${value}`)
      .join(", ");
    super("FINGERPRINT_CRITERION_FAILED", `fingerprint criterion "${criterion}" failed: ${detail} (${shown})`);
    this.criterion = criterion;
    this.fingerprints = fingerprints;
  }
}

/** The runtime input path the smoke used is not the one its policy names (override or default fixture). */
export class RuntimeInputPathError extends SmokebookError {
  readonly used: string;
  readonly expected: string;

  constructor(used: string, expected: string, detail: string) {
    super("RUNTIME_INPUT_PATH_MISMATCH", `DEV-012 runtime_input_path ${used}: ${detail}`);
    this.used = used;
    this.expected = expected;
  }
}
