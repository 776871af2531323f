/**
 * DEV-044 criteria: the PostgreSQL Flexible Server (state Ready — the PASS: line the runbook asks to attach) and the
 * required Key Vault secret names (present and enabled; names only).
 */
import type { ArmClient } from "./arm-client.ts";
import type { InfraSettings } from "./azure-settings.ts";
import { AzureRemoteError } from "./errors.ts";
import { listSecretNames } from "./key-vault-secrets.ts";
import { type PostgresServer, readPostgresServer } from "./postgres-server.ts";
import type { VerifyLog } from "./verify-lines.ts";

function because(error: unknown): string {
  if (error instanceof AzureRemoteError && error.notFound) return `not found (${error.message})`;
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

export async function checkPostgres(
  arm: ArmClient,
  s: InfraSettings,
  log: VerifyLog,
): Promise<PostgresServer | undefined> {
  const what = `PostgreSQL flexible server ${s.postgresServer} (resource group ${s.resourceGroup})`;
  let server: PostgresServer;
  try {
    server = await readPostgresServer(arm, s.subscriptionId, s.resourceGroup, s.postgresServer);
  } catch (error) {
    log.fail("dev044Postgres", `${what}: ${because(error)}`);
    return undefined;
  }
  const facts = `version ${server.version ?? "?"}, ${server.fqdn}, publicNetworkAccess ${server.publicNetworkAccess ?? "?"}`;
  if (server.state === "Ready") log.pass("dev044Postgres", `${what} is Ready (${facts})`);
  else log.fail("dev044Postgres", `${what} is in state ${server.state}, expected Ready (${facts})`);
  return server;
}

export async function checkKeyVaultSecrets(arm: ArmClient, s: InfraSettings, log: VerifyLog): Promise<void> {
  if (!s.keyVaultName) {
    log.fail("dev044KeyVault", "KEY_VAULT_NAME is not set (the runbook's precondition: export KEY_VAULT_NAME)");
    return;
  }
  const vault = `Key Vault ${s.keyVaultName}`;
  let names: Map<string, boolean>;
  try {
    const listed = await listSecretNames(arm, s.subscriptionId, s.resourceGroup, s.keyVaultName);
    names = new Map(listed.map((n) => [n.name, n.enabled]));
  } catch (error) {
    log.fail("dev044KeyVault", `${vault}: secret names cannot be listed: ${because(error)}`);
    return;
  }
  for (const name of s.requiredSecrets) {
    const enabled = names.get(name);
    if (enabled === undefined) log.fail("dev044KeyVault", `${vault} has no secret named ${name}`);
    else if (!enabled) log.fail("dev044KeyVault", `${vault} secret ${name} exists but is disabled`);
    else log.pass("dev044KeyVault", `${vault} has secret ${name} (enabled)`);
  }
}
