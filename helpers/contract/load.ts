/**
 * Reads a target's contract.yaml. Two targets, never mixed up:
 *   - the target under test, which only the stage criteria read: SMOKEBOOK_TARGET (default fixtures/target),
 *     relative to the repository root unless absolute (loadTargetContract);
 *   - the embedded sample target fixtures/target, which self-tests, replays and anything whose expectations are
 *     written for it read whatever SMOKEBOOK_TARGET says (loadEmbeddedContract, embeddedTargetDir).
 * A target has the layout of fixtures/target (contract.yaml at its top).
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import type { Env } from "../gates.ts";
import { repoRoot } from "../paths.ts";
import { ContractFileError, type ContractIssue } from "./errors.ts";
import { type Contract, contractSchema } from "./schema.ts";

export const DEFAULT_TARGET = "fixtures/target";
export const CONTRACT_FILE = "contract.yaml";

export interface LoadedContract {
  contract: Contract;
  /** Absolute path of the target folder. */
  targetDir: string;
  /** contract.yaml as shown in messages (relative to the repository root when inside it). */
  file: string;
}

/** The target folder named by SMOKEBOOK_TARGET, as an absolute path. Only the stage criteria read it. */
export function readTargetDir(env: Env = process.env): string {
  const chosen = env.SMOKEBOOK_TARGET?.trim();
  return resolve(repoRoot, chosen ? chosen : DEFAULT_TARGET);
}

/** The embedded sample target (fixtures/target), whatever SMOKEBOOK_TARGET says. */
export function embeddedTargetDir(): string {
  return resolve(repoRoot, DEFAULT_TARGET);
}

/** A path inside the repository as messages show it; other paths stay absolute. */
export function displayPath(path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** "env[2].name" from ["env", 2, "name"]. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function issuesOf(file: string, error: z.ZodError): ContractIssue[] {
  const issues: ContractIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push({
          file,
          field: fieldPath([...issue.path, key]),
          expected: "unknown field (not in the contract schema)",
        });
      }
      continue;
    }
    issues.push({ file, field: fieldPath(issue.path), expected: issue.message });
  }
  return issues;
}

/** Validates an already parsed document; `file` is only used in messages. */
export function parseContract(data: unknown, file: string): Contract {
  const result = contractSchema.safeParse(data);
  if (!result.success) throw new ContractFileError(file, issuesOf(file, result.error), result.error);
  return result.data;
}

export function loadContract(targetDir: string = readTargetDir()): LoadedContract {
  const path = join(targetDir, CONTRACT_FILE);
  const file = displayPath(path);
  if (!existsSync(path)) {
    throw new ContractFileError(file, [
      { file, field: "", expected: `a contract file (SMOKEBOOK_TARGET points at ${displayPath(targetDir)})` },
    ]);
  }
  const document = parseDocument(readFileSync(path, "utf8"));
  if (document.errors.length > 0) {
    const issues = document.errors.map((e) => ({
      file,
      field: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "",
      expected: `valid YAML (${e.code}: ${e.message.split("\n")[0]})`,
    }));
    throw new ContractFileError(file, issues);
  }
  return { contract: parseContract(document.toJS(), file), targetDir, file };
}

/** The contract of the target under test (SMOKEBOOK_TARGET): for the stage criteria. */
export function loadTargetContract(env: Env = process.env): LoadedContract {
  return loadContract(readTargetDir(env));
}

/** The contract of the embedded sample target: for self-tests and replays, whose expectations are written for it. */
export function loadEmbeddedContract(): LoadedContract {
  return loadContract(embeddedTargetDir());
}

/** A file of the target as messages show it: "fixtures/target/docker/Dockerfile". */
export function targetFile(loaded: Pick<LoadedContract, "targetDir">, relativePath: string): string {
  return displayPath(join(loaded.targetDir, relativePath));
}
