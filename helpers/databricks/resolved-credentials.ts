/**
 * Credentials the SDK resolved at run time from somewhere other than a variable redact.ts knows by name — a token
 * or client secret from a ~/.databrickscfg profile, the access token OAuth M2M obtained — are registered for
 * redaction (registerSecret) before anything is logged, so they never reach output, evidence or recordings.
 */
import { registerSecret } from "../redact.ts";

export interface ResolvedConfig {
  token?: string | undefined;
  password?: string | undefined;
  clientSecret?: string | undefined;
  azureClientSecret?: string | undefined;
}

export function registerResolvedCredentials(config: ResolvedConfig, headers: Headers): void {
  registerSecret(config.token);
  registerSecret(config.password);
  registerSecret(config.clientSecret);
  registerSecret(config.azureClientSecret);
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  registerSecret(bearer);
}
