/**
 * Reads an execution contract. Two contracts, never mixed up:
 *   - the contract under test, which only the stage criteria read: SMOKEBOOK_CONTRACT=<file> (anywhere: in a GitOps
 *     or ops repository beside the service, not inside it), or SMOKEBOOK_TARGET=<dir> as the short form for
 *     <dir>/contract.yaml; default the embedded sample fixtures/target/contract.yaml (loadTargetContract);
 *   - the embedded sample, which self-tests, replays and anything whose expectations are written for it read whatever
 *     those variables say (loadEmbeddedContract, embeddedTargetDir).
 * Every relative path inside a contract resolves from the contract file's folder and may use `..`.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseDocument } from "yaml";
import { envText } from "../env-text.ts";
import type { Env } from "../gates.ts";
import { repoRoot } from "../paths.ts";
import { fieldPath, issuesOf } from "./contract-issues.ts";
import { ContractFileError } from "./errors.ts";
import { type Contract, contractSchema } from "./schema.ts";

export { fieldPath };

export const DEFAULT_TARGET = "fixtures/target";
export const CONTRACT_FILE = "contract.yaml";
export const CONTRACT_VARIABLE = "SMOKEBOOK_CONTRACT";
export const TARGET_VARIABLE = "SMOKEBOOK_TARGET";

export interface LoadedContract {
  contract: Contract;
  /** Absolute path of the contract file. */
  path: string;
  /** Absolute path of the contract's folder: every relative path in the contract resolves from it. */
  dir: string;
  /** The same folder (for the sample's layout, where the target folder holds contract.yaml). */
  targetDir: string;
  /** The contract file as messages show it (relative to the repository root when inside it). */
  file: string;
}

/** A path as messages show it: relative to the repository root when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** `<path>/contract.yaml` for a folder (or a missing path without a .yaml/.yml name), the path itself for a file. */
export function contractFileOf(path: string): string {
  if (existsSync(path)) return statSync(path).isDirectory() ? join(path, CONTRACT_FILE) : path;
  return /\.ya?ml$/.test(path) ? path : join(path, CONTRACT_FILE);
}

/**
 * The contract file under test: SMOKEBOOK_CONTRACT, else SMOKEBOOK_TARGET/contract.yaml, else the embedded sample;
 * relative values resolve from the current folder (where vitest runs).
 */
export function readContractPath(env: Env = process.env, cwd: string = process.cwd()): string {
  const file = envText(env, CONTRACT_VARIABLE);
  if (file !== undefined) return contractFileOf(resolve(cwd, file));
  const target = envText(env, TARGET_VARIABLE);
  return join(target !== undefined ? resolve(cwd, target) : resolve(repoRoot, DEFAULT_TARGET), CONTRACT_FILE);
}

/** The folder of the contract under test. */
export function readTargetDir(env: Env = process.env): string {
  return dirname(readContractPath(env));
}

/** The embedded sample target (fixtures/target), whatever SMOKEBOOK_CONTRACT or SMOKEBOOK_TARGET say. */
export function embeddedTargetDir(): string {
  return resolve(repoRoot, DEFAULT_TARGET);
}

export function isEmbedded(loaded: Pick<LoadedContract, "path">): boolean {
  return loaded.path === join(embeddedTargetDir(), CONTRACT_FILE);
}

/** Validates an already parsed document; `file` is only used in messages. Every problem is reported at once. */
export function parseContract(data: unknown, file: string): Contract {
  const result = contractSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ContractFileError(file, issuesOf(file, result.error, contractSchema), result.error);
  return result.data;
}

/** Loads a contract file, or `<folder>/contract.yaml`. */
export function loadContract(pathOrDir: string = readContractPath()): LoadedContract {
  const path = contractFileOf(resolve(pathOrDir));
  const file = displayPath(path);
  if (!existsSync(path)) {
    throw new ContractFileError(file, [
      {
        file,
        field: "",
        expected: `a contract file (${CONTRACT_VARIABLE} names a file, ${TARGET_VARIABLE} a folder holding ${CONTRACT_FILE}; \`npx smokebook init <service-folder>\` drafts one)`,
      },
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
  const dir = dirname(path);
  return { contract: parseContract(document.toJS(), file), path, dir, targetDir: dir, file };
}

/** The contract under test (SMOKEBOOK_CONTRACT / SMOKEBOOK_TARGET): for the stage criteria. */
export function loadTargetContract(env: Env = process.env): LoadedContract {
  return loadContract(readContractPath(env));
}

/** The embedded sample's contract: for self-tests and replays, whose expectations are written for it. */
export function loadEmbeddedContract(): LoadedContract {
  return loadContract(embeddedTargetDir());
}

/** A path the contract names, resolved from the contract's folder. */
export function contractPathOf(loaded: Pick<LoadedContract, "dir">, path: string): string {
  return resolve(loaded.dir, path);
}

/** A file the contract names, as messages show it: "fixtures/target/docker/Dockerfile". */
export function targetFile(loaded: Pick<LoadedContract, "dir">, path: string): string {
  return displayPath(contractPathOf(loaded, path));
}

/**
 * True when SMOKEBOOK_CONTRACT or SMOKEBOOK_TARGET names a contract other than the embedded sample: the smokes that
 * replay only the sample's own cluster and LangFuse recordings then stay out of the run (and its report).
 */
export function usesOwnContract(env: Env = process.env): boolean {
  return readContractPath(env) !== join(embeddedTargetDir(), CONTRACT_FILE);
}
