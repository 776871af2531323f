/**
 * What an Azure smoke needs to run live, checked from the environment and files only (no request): its settings
 * (the subscription, resource group, DCR… it cannot guess), an Entra ID sign-in DefaultAzureCredential can use, and
 * for smokes that also reach the cluster a usable kubeconfig. Used as the SmokeDefinition's liveRequirement, so
 * without them auto mode replays and the live checks are skipped with a note naming what is missing.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { envText } from "../env-text.ts";
import type { Env } from "../gates.ts";
import { kubeconfigProblem } from "../k8s-cluster/kubeconfig-requirement.ts";

/** The Azure CLI's profile file (`az login` writes it): AZURE_CONFIG_DIR, else ~/.azure. */
export function azureCliProfile(env: Env, home = homedir()): string {
  return join(envText(env, "AZURE_CONFIG_DIR") ?? join(home, ".azure"), "azureProfile.json");
}

/** Undefined when DefaultAzureCredential has something to sign in with, else what is missing. */
export function signInProblem(env: Env, home = homedir()): string | undefined {
  const has = (name: string) => envText(env, name) !== undefined;
  const principal = has("AZURE_CLIENT_ID") && has("AZURE_TENANT_ID");
  if (principal && (has("AZURE_CLIENT_SECRET") || has("AZURE_CLIENT_CERTIFICATE_PATH"))) return undefined;
  if (principal && has("AZURE_FEDERATED_TOKEN_FILE")) return undefined;
  const profile = azureCliProfile(env, home);
  if (existsSync(profile)) return undefined;
  return (
    "no Azure sign-in: set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET (a service principal; or " +
    `AZURE_CLIENT_CERTIFICATE_PATH / AZURE_FEDERATED_TOKEN_FILE), or run \`az login\` (no ${profile})`
  );
}

export interface LiveNeeds {
  /** Settings that have no default and that live mode cannot do without. */
  settings: ReadonlyArray<string>;
  /** The smoke also reaches the cluster (LangFuse objects, exec). */
  kubeconfig?: boolean;
  /** The smoke signs in to Azure (false for a cluster-only smoke). Default true. */
  azure?: boolean;
}

function listWithAnd(names: ReadonlyArray<string>): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Everything missing for a live run, in one note; undefined when nothing is. */
export function azureLiveProblem(env: Env, needs: LiveNeeds, home = homedir()): string | undefined {
  const problems: string[] = [];
  const missing = needs.settings.filter((name) => envText(env, name) === undefined);
  if (missing.length > 0) {
    problems.push(`${listWithAnd(missing)} ${missing.length === 1 ? "is" : "are"} not set (live mode needs them)`);
  }
  if (needs.azure !== false) {
    const signIn = signInProblem(env, home);
    if (signIn) problems.push(signIn);
  }
  if (needs.kubeconfig) {
    const kube = kubeconfigProblem(env, home);
    if (kube) problems.push(kube);
  }
  return problems.length > 0 ? problems.join("; ") : undefined;
}
