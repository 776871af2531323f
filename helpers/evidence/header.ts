/** The header of an evidence bundle: who ran what, where, against which target and in which modes. */
import { execFileSync } from "node:child_process";
import { hostname, userInfo } from "node:os";
import { displayPath, readContractPath } from "../contract/load.ts";
import type { Env } from "../gates.ts";
import { projectRoot } from "../paths.ts";

export interface EvidenceHeader {
  utc_start: string;
  operator: string;
  operator_source: "SMOKEBOOK_OPERATOR" | "git user.email" | "OS user";
  git_branch: string | null;
  git_commit: string | null;
  host: string;
  target: string;
  smokebook_mode: string;
  strict: boolean;
  node: string;
}

/** Synchronous on purpose (not the zx process layer): the header is built once, synchronously, as the run starts. */
function git(args: string[]): string | null {
  try {
    const out = execFileSync("git", args, {
      cwd: projectRoot(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.trim() || null;
  } catch {
    return null;
  }
}

export function resolveOperator(env: Env): Pick<EvidenceHeader, "operator" | "operator_source"> {
  const explicit = env.SMOKEBOOK_OPERATOR?.trim();
  if (explicit) return { operator: explicit, operator_source: "SMOKEBOOK_OPERATOR" };
  const email = git(["config", "user.email"]);
  if (email) return { operator: email, operator_source: "git user.email" };
  let user = env.USER ?? "unknown";
  try {
    user = userInfo().username;
  } catch {
    // keep USER
  }
  return { operator: user, operator_source: "OS user" };
}

export function buildHeader(env: Env, start: Date): EvidenceHeader {
  return {
    utc_start: start.toISOString(),
    ...resolveOperator(env),
    git_branch: git(["rev-parse", "--abbrev-ref", "HEAD"]),
    git_commit: git(["rev-parse", "HEAD"]),
    host: hostname(),
    // The contract under test (SMOKEBOOK_CONTRACT, else SMOKEBOOK_TARGET/contract.yaml, else the embedded sample).
    target: displayPath(readContractPath(env)),
    smokebook_mode: env.SMOKEBOOK_MODE?.trim() || "auto",
    strict: env.SMOKEBOOK_STRICT === "1",
    node: process.version,
  };
}
