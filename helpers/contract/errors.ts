/** Errors of the execution contract: a contract.yaml that does not parse, and a layer that breaks the contract. */
import { SmokebookError } from "../errors.ts";

export type Stage = "local" | "docker" | "k8s";

/**
 * Contract items as seed 004 B.2 numbers them, plus the criteria the stages check beside them:
 * health (the endpoint answers), image-tag (tag policy), app-logic (the target's own unit tests),
 * build (the Dockerfile builds), schema (the manifests are valid Kubernetes objects).
 */
export const CONTRACT_ITEMS = [
  "paths",
  "env",
  "port",
  "volumes",
  "permissions",
  "health",
  "image-tag",
  "app-logic",
  "build",
  "schema",
] as const;
export type ContractItem = (typeof CONTRACT_ITEMS)[number];

export interface ContractIssue {
  /** "fixtures/target/contract.yaml" */
  file: string;
  /** "port.number" */
  field: string;
  /** What was expected there. */
  expected: string;
}

/** contract.yaml is missing, is not YAML, or does not match the schema; lists every problem. */
export class ContractFileError extends SmokebookError {
  readonly file: string;
  readonly issues: ContractIssue[];

  constructor(file: string, issues: ContractIssue[], cause?: unknown) {
    const lines = issues.map((i) => `${i.file}: ${i.field || "(document)"}: ${i.expected}`);
    super("CONTRACT_INVALID", `invalid execution contract ${file}:\n${lines.join("\n")}`, { cause });
    this.file = file;
    this.issues = issues;
  }
}

export interface ViolationDetails {
  stage: Stage;
  item: ContractItem;
  /** The file to fix, relative to the repository root when inside it. */
  file: string;
  /** The field in that file: "USER", "spec.template.spec.containers[observer].volumeMounts". */
  field: string;
  /** What the contract asks for, e.g. "uid 1000 (contract permissions.uid)". */
  expected: string;
  /** What the layer has. */
  actual: string;
}

/** A layer breaks the execution contract. The message names the file, the field, what is expected and found. */
export class ContractViolation extends SmokebookError {
  readonly stage: Stage;
  readonly item: ContractItem;
  readonly file: string;
  readonly field: string;
  readonly expected: string;
  readonly actual: string;

  constructor(details: ViolationDetails, cause?: unknown) {
    super(
      "CONTRACT_VIOLATION",
      `${details.file}: ${details.field}: ${details.actual}; expected ${details.expected} [${details.item}]`,
      { cause },
    );
    this.stage = details.stage;
    this.item = details.item;
    this.file = details.file;
    this.field = details.field;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/** A check that cannot run because an earlier step (build, start, render) failed; that step's check carries it. */
export class StageBlockedError extends SmokebookError {
  constructor(message: string) {
    super("STAGE_BLOCKED", message);
  }
}

/**
 * A check that does not apply to this contract (e.g. no variable declares values to override with -e). The stage
 * suites turn it into a skip with its message as the note (a failure under SMOKEBOOK_STRICT) — never a silent pass.
 */
export class CheckNotApplicableError extends SmokebookError {
  constructor(message: string) {
    super("CHECK_NOT_APPLICABLE", message);
  }
}
