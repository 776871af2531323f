/**
 * What the contract says a layer should see: the effective value of each contract variable under a given environment
 * (precedence of seed 004 B.2: the environment the layer provides over the contract default; an unset directory
 * variable is derived from the runtime root), and the directories the app expects. A contract without `paths` has
 * no root and no directories.
 */
import { posix } from "node:path";
import { envText } from "../env-text.ts";
import type { Env } from "../gates.ts";
import type { Contract } from "./schema.ts";

export interface ExpectedPaths {
  root: string | undefined;
  directories: Record<string, string>;
}

/** Runtime root and directories (name → absolute path) the app resolves under `env`. */
export function expectedPaths(contract: Contract, env: Env = {}): ExpectedPaths {
  const paths = contract.paths;
  if (!paths) return { root: undefined, directories: {} };
  const root = envText(env, paths.root.env) ?? paths.root.default;
  const directories: Record<string, string> = {};
  for (const [name, spec] of Object.entries(paths.directories ?? {})) {
    directories[name] = envText(env, spec.env) ?? posix.join(root, name);
  }
  return { root, directories };
}

/** A volumes entry (a directory name or an absolute path) as a path in the container under `env`. */
export function volumePath(contract: Contract, ref: string, env: Env = {}): string {
  return ref.startsWith("/") ? ref : (expectedPaths(contract, env).directories[ref] ?? ref);
}

/** The effective value of every non-secret contract variable under `env` (secrets: "<set>" / "<unset>"). */
export function expectedVariables(contract: Contract, env: Env = {}): Record<string, string> {
  const { root, directories } = expectedPaths(contract, env);
  const out: Record<string, string> = {};
  for (const entry of contract.env) {
    if (entry.source === "secret") {
      out[entry.name] = envText(env, entry.name) === undefined ? "<unset>" : "<set>";
      continue;
    }
    const explicit = envText(env, entry.name);
    if (root !== undefined && entry.name === contract.paths?.root.env) out[entry.name] = root;
    else {
      const dir = Object.entries(contract.paths?.directories ?? {}).find(([, spec]) => spec.env === entry.name)?.[0];
      out[entry.name] = dir !== undefined ? (directories[dir] as string) : (explicit ?? entry.default ?? "");
    }
  }
  return out;
}

/** Contract variables with a default: the Dockerfile ENV must carry each of them (B.2 "ENV (기본값)"). */
export function envDefaults(contract: Contract): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of contract.env) if (entry.default !== undefined) out[entry.name] = entry.default;
  return out;
}

/** A contract variable whose declared `values` allow an override different from its default (for -e checks). */
export function overridableVariable(contract: Contract): { name: string; value: string } | undefined {
  for (const entry of contract.env) {
    if (entry.source !== "configmap" || !entry.values) continue;
    const other = entry.values.find((v) => v !== entry.default);
    if (other !== undefined) return { name: entry.name, value: other };
  }
  return undefined;
}
