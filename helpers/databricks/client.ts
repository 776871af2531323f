/**
 * Databricks WorkspaceClient factory. Auth is the SDK's own chain read from `env` (DATABRICKS_HOST +
 * DATABRICKS_TOKEN, DATABRICKS_HOST + DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET (OAuth M2M),
 * DATABRICKS_CONFIG_PROFILE, the [DEFAULT] profile of the config file, or any other SDK auth the env selects);
 * the config file is the one credentials.ts checks (DATABRICKS_CONFIG_FILE, else $HOME/.databrickscfg of `env`).
 * A plain-http host is accepted only on loopback (http://127.0.0.1:PORT, http://localhost:PORT, http://[::1]:PORT),
 * so a token is never sent in clear text to a remote host.
 *
 * Every client made here has a single-attempt transport (single-attempt-transport.ts): the SDK does not retry or
 * sleep; callers wrap calls in callDatabricks() (api-call.ts), which retries Transient failures on their clock.
 *
 * For replay, replayWorkspaceClient() aims at a loopback host whose traffic MSW serves (helpers/replay/).
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { REPLAY_ORIGIN } from "../replay/msw-replay.ts";
import { databricksConfigPath } from "./credentials.ts";
import { isLoopbackHostname, singleAttemptRequest } from "./single-attempt-transport.ts";

/** Where replays aim the client (REPLAY_ORIGIN): loopback, so anything MSW missed fails fast and locally. */
export const REPLAY_HOST = REPLAY_ORIGIN;
const REPLAY_TOKEN = "smokebook-replay-token";

/** Checks DATABRICKS_HOST when set: https, a bare hostname, or http on loopback. */
export function checkHost(env: Env): void {
  const host = env.DATABRICKS_HOST?.trim();
  if (!host) return;
  const withScheme = /^[a-z]+:\/\//i.test(host) ? host : `https://${host}`;
  if (!URL.canParse(withScheme)) throw new EnvValueError("DATABRICKS_HOST", host, "a workspace URL");
  const url = new URL(withScheme);
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && isLoopbackHostname(url.hostname)) return;
  throw new EnvValueError("DATABRICKS_HOST", host, "an https:// workspace URL, or http://127.0.0.1:PORT for a fake");
}

export function createWorkspaceClient(env: Env = process.env): WorkspaceClient {
  checkHost(env);
  const client = new WorkspaceClient(
    { env: { ...env, DATABRICKS_CONFIG_FILE: databricksConfigPath(env) } as NodeJS.ProcessEnv },
    { product: "smokebook", productVersion: "0.1.0" },
  );
  Object.defineProperty(client.apiClient, "request", { value: singleAttemptRequest(client.apiClient) });
  return client;
}

/** A client for replays: loopback host, a placeholder token, nothing read from the environment. */
export function replayWorkspaceClient(): WorkspaceClient {
  return createWorkspaceClient({ DATABRICKS_HOST: REPLAY_HOST, DATABRICKS_TOKEN: REPLAY_TOKEN });
}

/** The workspace URL the client talks to (resolving its config), e.g. for run page links and evidence. */
export async function workspaceUrl(client: WorkspaceClient): Promise<string> {
  await client.config.ensureResolved();
  return (await client.config.getHost()).origin;
}
