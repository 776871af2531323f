/**
 * Can this engine have every image the Dockerfile builds FROM? Present locally, or pulled now. One that can be had
 * neither way is an environment problem (no registry from here, no credentials), not the Dockerfile's: the Docker
 * stage skips with a note naming the image, the FROM line and how to provide it.
 */
import { readFileSync } from "node:fs";
import { type ContainerRuntimeClient, ImageName } from "testcontainers";
import { run } from "../process/run.ts";
import { type FromImage, fromImages } from "./dockerfile-from.ts";
import { REQUIRE_DOCKER } from "./engine.ts";

export interface ImageAvailability {
  present: (image: string) => Promise<boolean>;
  /** Pulls the image; resolves with the reason when it cannot. */
  pull: (image: string) => Promise<string | undefined>;
}

export function engineAvailability(client: ContainerRuntimeClient): ImageAvailability {
  return {
    present: (image) => client.image.exists(ImageName.fromString(image)),
    pull: async (image) => {
      const result = await run(["docker", "pull", "--quiet", image], { timeoutMs: 300_000 });
      if (result.exitCode === 0) return undefined;
      if (result.notFound) return "the docker CLI is not installed (needed to pull)";
      return result.stderr.trim().split("\n").at(-1)?.slice(0, 300) || `docker pull exited ${result.exitCode}`;
    },
  };
}

export function fromImageNote(dockerfile: string, from: FromImage, reason: string): string {
  const written = from.written === from.image ? "" : ` (written ${from.written})`;
  return (
    `base image ${from.image} of ${dockerfile} (FROM, line ${from.line}${written}) cannot be had: ${reason}. ` +
    `Provide it: \`docker pull ${from.image}\` where a registry is reachable, or \`docker load\` it from an archive, ` +
    `or build FROM an image this engine has (a build argument in contract docker.buildArgs); ${REQUIRE_DOCKER}=1 turns this skip into a failure`
  );
}

/** The note for the first image that cannot be had, or undefined when all can (`skip`: images already provided). */
export async function unavailableFromImage(
  dockerfilePath: string,
  dockerfile: string,
  buildArgs: Readonly<Record<string, string>>,
  availability: ImageAvailability,
  skip: ReadonlyArray<string> = [],
): Promise<string | undefined> {
  const images = fromImages(readFileSync(dockerfilePath, "utf8"), buildArgs).filter((f) => !skip.includes(f.image));
  for (const from of images) {
    if (await availability.present(from.image)) continue;
    const problem = await availability.pull(from.image);
    if (problem !== undefined)
      return fromImageNote(dockerfile, from, `not on this engine, and docker pull failed: ${problem}`);
  }
  return undefined;
}
