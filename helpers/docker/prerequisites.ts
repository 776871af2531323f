/**
 * What the Docker stage needs before it can build anything: a reachable engine, and the target's base image
 * (SMOKEBOOK_BASE_IMAGE, or the local node-base image built here). Either missing is an environment problem, not the
 * target's: the stage's checks skip with the note (SMOKEBOOK_REQUIRE_DOCKER=1 makes that a failure).
 */
import type { ContainerRuntimeClient } from "testcontainers";
import { type BaseImageStatus, clientDeps, provideBaseImage, readBaseImage } from "./base-image-source.ts";
import { detectEngine, type EngineStatus } from "./engine.ts";

export type DockerPrerequisites =
  | { ready: true; client: ContainerRuntimeClient; baseImage: string }
  | { ready: false; note: string };

export async function dockerPrerequisites(
  engine: () => Promise<EngineStatus> = detectEngine,
  base: (client: ContainerRuntimeClient) => Promise<BaseImageStatus> = (client) =>
    provideBaseImage(readBaseImage(), clientDeps(client)),
): Promise<DockerPrerequisites> {
  const status = await engine();
  if (!status.available) return { ready: false, note: status.note };
  const image = await base(status.client);
  if (!image.available) return { ready: false, note: image.note };
  return { ready: true, client: status.client, baseImage: image.image };
}
