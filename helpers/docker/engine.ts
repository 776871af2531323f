/**
 * Is a Docker engine reachable? Asked through testcontainers (DOCKER_HOST, the socket, testcontainers properties).
 * testcontainers' reaper container (Ryuk) is off unless the caller chose otherwise: every run removes what it
 * created itself, and the reaper image cannot be pulled here.
 */
import { type ContainerRuntimeClient, getContainerRuntimeClient } from "testcontainers";

export type EngineStatus = { available: true; client: ContainerRuntimeClient } | { available: false; note: string };

export const REQUIRE_DOCKER = "SMOKEBOOK_REQUIRE_DOCKER";

export function noEngineNote(reason: string): string {
  return (
    `no Docker engine reachable (${reason}). Enable one: \`bash scripts/ci/start-docker.sh\` installs docker.io ` +
    "(Debian) when dockerd is missing and starts it, or set DOCKER_HOST to a running engine; " +
    `${REQUIRE_DOCKER}=1 turns this skip into a failure`
  );
}

/** Sets testcontainers' own switches this harness relies on, unless the caller already chose. */
export function configureTestcontainers(env: Record<string, string | undefined> = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
}

export async function detectEngine(
  env: Record<string, string | undefined> = process.env,
  timeoutMs = 20_000,
  connect: () => Promise<ContainerRuntimeClient> = getContainerRuntimeClient,
): Promise<EngineStatus> {
  configureTestcontainers(env);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000}s`)), timeoutMs);
  });
  try {
    const client = await Promise.race([connect(), timeout]);
    return { available: true, client };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { available: false, note: noEngineNote(reason ?? "unknown error") };
  } finally {
    clearTimeout(timer);
  }
}
