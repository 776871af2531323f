/**
 * The Entra ID credential of the Azure smokes, by mode:
 *   live/record  DefaultAzureCredential: a service principal from AZURE_CLIENT_ID + AZURE_TENANT_ID +
 *                AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH, or a workload identity's
 *                AZURE_FEDERATED_TOKEN_FILE), a managed identity, or the Azure CLI login the runbook assumes
 *                (`az login`, `az account set …`)
 *   replay       a fixed placeholder token; nothing is read from the environment and no sign-in request is made
 * Every token handed out is registered for redaction (helpers/redact.ts) before a caller can print it.
 */
import { type AccessToken, DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import { registerSecret } from "../redact.ts";

export const REPLAY_TOKEN = "smokebook-replay-token";

/** Wraps `credential` so every token it returns is known to the redaction. */
export function registeringCredential(credential: TokenCredential): TokenCredential {
  return {
    async getToken(scopes, options) {
      const token = await credential.getToken(scopes, options);
      if (token) registerSecret(token.token);
      return token;
    },
  };
}

/** The credential of live and record runs. */
export function liveCredential(): TokenCredential {
  return registeringCredential(new DefaultAzureCredential());
}

/** The credential of replays: a placeholder token valid for a day, never sent anywhere but the replay. */
export function replayCredential(): TokenCredential {
  return {
    getToken: async (): Promise<AccessToken> => ({
      token: REPLAY_TOKEN,
      expiresOnTimestamp: Date.now() + 86_400_000,
      tokenType: "Bearer",
    }),
  };
}
