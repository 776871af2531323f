/**
 * Errors of the execution contract: a contract file that does not parse, a layer that breaks the contract, a check
 * the contract does not ask for (not declared), and what this machine lacks to run a check (an environment problem).
 */
import { SmokebookError } from "../errors.ts";

/** The layers of seed 004 §6.1 in order: app code, Dockerfile, Helm chart (step 3), manifests. */
export type Stage = "local" | "docker" | "helm" | "k8s";

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
  /** The value found there, as YAML shows it (absent for a missing field). */
  value?: string | undefined;
  /** The values or fields allowed there, when the schema lists them. */
  allowed?: string[] | undefined;
}

/** "contract.yaml: port.protocol: unknown field …; value: tcp; allowed: number, name, env, argument" */
export function describeIssue(issue: ContractIssue): string {
  const parts = [`${issue.file}: ${issue.field || "(document)"}: ${issue.expected}`];
  if (issue.value !== undefined) parts.push(`value: ${issue.value}`);
  if (issue.allowed && issue.allowed.length > 0) parts.push(`allowed: ${issue.allowed.join(", ")}`);
  return parts.join("; ");
}

/**
 * The contract file is missing, is not YAML, or does not match the schema; lists every problem at once, each once, on
 * one line (the evidence keeps an error's first line): "invalid execution contract <file> (N problems): <field>: …
 * | <field>: …". `alreadyReported` (set by loadStageContract for the stages after the first) gives a short message
 * pointing at the first report instead, so a run prints the list once.
 */
export class ContractFileError extends SmokebookError {
  readonly file: string;
  readonly issues: ContractIssue[];

  constructor(file: string, issues: ContractIssue[], cause?: unknown, alreadyReported?: string) {
    const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
    const message = alreadyReported
      ? `invalid execution contract ${file} (${count}, listed by ${alreadyReported}): not checked`
      : `invalid execution contract ${file} (${count}): ${issues.map((i) => describeIssue(i).slice(file.length + 2)).join(" | ")}`;
    super("CONTRACT_INVALID", message, { cause });
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
  /** The layer to fix when it is narrower than the stage's (e.g. "Helm values" rather than "Helm chart"). */
  fix?: string | undefined;
}

/** A layer breaks the execution contract. The message names the file, the field, what is expected and found. */
export class ContractViolation extends SmokebookError {
  readonly stage: Stage;
  readonly item: ContractItem;
  readonly file: string;
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
  readonly fix: string | undefined;

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
    this.fix = details.fix;
  }
}

/**
 * A check that cannot run because an earlier step (build, start, render) failed or could not run; that step's check
 * carries the cause. The stage suites skip it with its message ("not checked: …"), never fail it.
 */
export class StageBlockedError extends SmokebookError {
  constructor(message: string) {
    super("STAGE_BLOCKED", message);
  }
}

/**
 * A policy the contract does not declare (no permissions.uid, no kubernetes.probes, …): its check is not run and is
 * listed as "not declared: …" — a skip even under SMOKEBOOK_STRICT, since the contract chose not to ask for it.
 */
export class NotDeclaredError extends SmokebookError {
  readonly field: string;

  constructor(field: string, file: string, purpose: string) {
    super("CHECK_NOT_DECLARED", `not declared: ${field} in ${file} (declare it to check ${purpose})`);
    this.field = field;
  }
}

/** Throws NotDeclaredError unless `value` is set. */
export function declared<T>(value: T | undefined | null, field: string, file: string, purpose: string): T {
  if (value === undefined || value === null) throw new NotDeclaredError(field, file, purpose);
  return value;
}

/**
 * What this machine lacks to run a check: a start command or toolchain that is not installed, an image that cannot be
 * pulled, no kubectl or helm. Never a verdict on the service: the check is skipped with this note saying what is
 * missing and how to provide it (a failure under SMOKEBOOK_STRICT=1, or the stage's own switch such as
 * SMOKEBOOK_REQUIRE_DOCKER=1), and the checks that depend on it are skipped as "not checked: <this note>".
 */
export class EnvironmentProblemError extends SmokebookError {
  constructor(message: string, cause?: unknown) {
    super("ENVIRONMENT_MISSING", message, { cause });
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
