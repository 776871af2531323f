/**
 * The Azure half of the infra verification, in the order the suite runs it: DEV-044 PostgreSQL, DEV-044 Key Vault,
 * DEV-045 private endpoints, DEV-045 private DNS (which matches A records against the endpoints read before).
 * Each step is one criterion of `verification`; the private endpoint list is read once per run.
 */
import type { AzureSession } from "./azure-session.ts";
import type { InfraSettings } from "./azure-settings.ts";
import { checkKeyVaultSecrets, checkPostgres } from "./infra-data-checks.ts";
import {
  checkPrivateDns,
  checkPrivateEndpoints,
  type MatchedEndpoints,
  matchEndpoints,
} from "./infra-network-checks.ts";
import type { InfraVerification } from "./infra-verification.ts";
import { listPrivateEndpoints, type PrivateEndpoint } from "./private-endpoints.ts";

export class InfraAzureChecks {
  readonly #session: AzureSession<InfraSettings>;
  readonly #verification: InfraVerification;
  #endpoints: Promise<PrivateEndpoint[]> | undefined;
  #matched: MatchedEndpoints | undefined;

  constructor(session: AzureSession<InfraSettings>, verification: InfraVerification) {
    this.#session = session;
    this.#verification = verification;
  }

  get settings(): InfraSettings {
    return this.#session.settings;
  }

  postgres(): Promise<unknown> {
    return this.#verification.run("dev044Postgres", (log) => checkPostgres(this.#session.arm, this.settings, log));
  }

  keyVault(): Promise<void> {
    return this.#verification.run("dev044KeyVault", (log) =>
      checkKeyVaultSecrets(this.#session.arm, this.settings, log),
    );
  }

  #listEndpoints(): Promise<PrivateEndpoint[]> {
    const s = this.settings;
    this.#endpoints ??= listPrivateEndpoints(this.#session.arm, s.subscriptionId, s.resourceGroup);
    return this.#endpoints;
  }

  endpoints(): Promise<MatchedEndpoints> {
    return this.#verification.run("dev045Endpoints", async (log) => {
      try {
        this.#matched = checkPrivateEndpoints(await this.#listEndpoints(), this.settings, log);
      } catch (error) {
        this.#matched = { postgres: undefined, openai: undefined, openaiAccountId: undefined };
        throw error;
      }
      return this.#matched;
    });
  }

  dns(): Promise<void> {
    return this.#verification.run("dev045Dns", async (log) => {
      const matched = this.#matched ?? matchEndpoints(await this.#listEndpoints().catch(() => []), this.settings);
      await checkPrivateDns(this.#session.arm, this.settings, log, matched);
    });
  }
}
