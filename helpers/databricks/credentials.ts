/**
 * What a live Databricks smoke accepts as credentials — the SDK's unified auth chain, read in one place:
 *   DATABRICKS_HOST + DATABRICKS_TOKEN                               personal access token
 *   DATABRICKS_HOST + DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET OAuth M2M (service principal)
 *   DATABRICKS_CONFIG_PROFILE                                        a named profile of the config file
 *   a [DEFAULT] profile with a host in the config file               (SmokeDefinition.liveRequirement)
 * The config file is DATABRICKS_CONFIG_FILE, else ~/.databrickscfg under HOME. The SDK reads the DEFAULT profile
 * only when no host or credential comes from the environment, so a DATABRICKS_HOST without a credential blocks it.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { envText } from "../env-text.ts";
import type { Env, SmokeDefinition } from "../gates.ts";

/** The complete alternatives in the environment (SmokeDefinition.credentials). */
export const DATABRICKS_CREDENTIALS: ReadonlyArray<ReadonlyArray<string>> = [
  ["DATABRICKS_HOST", "DATABRICKS_TOKEN"],
  ["DATABRICKS_HOST", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"],
  ["DATABRICKS_CONFIG_PROFILE"],
];

/** The Databricks config file the SDK reads: DATABRICKS_CONFIG_FILE, else $HOME/.databrickscfg. */
export function databricksConfigPath(env: Env): string {
  return envText(env, "DATABRICKS_CONFIG_FILE") ?? join(envText(env, "HOME") ?? homedir(), ".databrickscfg");
}

/** Sections of an INI file (the .databrickscfg format): name → key → value. Comments start with ; or #. */
export function parseIniSections(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) continue;
    const header = line.match(/^\[([^\]]+)\]$/);
    if (header?.[1]) {
      current = sections[header[1].trim()] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    if (current && eq > 0) current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return sections;
}

const ENV_AUTH = ["DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET", "DATABRICKS_CONFIG_PROFILE"];

/**
 * undefined when the config file has a [DEFAULT] profile with a host the SDK will use (and `extra` variables are
 * set), else what is missing.
 */
export function defaultProfileRequirement(env: Env, extra: ReadonlyArray<string> = []): string | undefined {
  const path = databricksConfigPath(env);
  if (!existsSync(path)) return `no Databricks config file at ${path} (for its [DEFAULT] profile)`;
  let sections: Record<string, Record<string, string>>;
  try {
    sections = parseIniSections(readFileSync(path, "utf8"));
  } catch (error) {
    return `cannot read ${path}: ${(error as Error).message}`;
  }
  if (!sections.DEFAULT?.host) return `${path} has no [DEFAULT] profile with a host`;
  if (envText(env, "DATABRICKS_HOST") && !ENV_AUTH.some((name) => envText(env, name))) {
    return `DATABRICKS_HOST is set without a credential, so the SDK does not read the [DEFAULT] profile of ${path}`;
  }
  const missing = extra.filter((name) => !envText(env, name));
  if (missing.length > 0) return `${missing.join(", ")} not set (needed with the [DEFAULT] profile of ${path})`;
  return undefined;
}

/**
 * credentials + liveRequirement for a SmokeDefinition: every auth alternative, each with the smoke's own required
 * variables (`extra`, e.g. SECRET_SMOKE_KEY), and the DEFAULT profile.
 */
export function databricksLive(
  extra: ReadonlyArray<string> = [],
): Required<Pick<SmokeDefinition, "credentials" | "liveRequirement">> {
  return {
    credentials: DATABRICKS_CREDENTIALS.map((alternative) => [...alternative, ...extra]),
    liveRequirement: (env) => defaultProfileRequirement(env, extra),
  };
}
