/**
 * Which base image the target's Dockerfile builds FROM (its BASE_IMAGE build argument), and whether this machine can
 * have it. SMOKEBOOK_BASE_IMAGE chooses: unset means the local smokebook/node-base:24, built here on first use from
 * this machine's Node (npm run docker:base-image); any other value (e.g. node:24-slim, for a user with a registry) is
 * used as it is — present locally or pulled — and nothing is built. When the image cannot be had, the Docker stage
 * skips with the note this returns, which says why and how to fix it.
 */

import { type ContainerRuntimeClient, ImageName } from "testcontainers";
import { EnvironmentProblemError } from "../contract/errors.ts";
import { envText } from "../env-text.ts";
import type { Env } from "../gates.ts";
import { run } from "../process/run.ts";
import { BASE_IMAGE, ensureBaseImage, imageLabels } from "./base-image.ts";
import { REQUIRE_DOCKER } from "./engine.ts";

export const BASE_IMAGE_VARIABLE = "SMOKEBOOK_BASE_IMAGE";

export type BaseImageStatus =
  | { available: true; image: string; origin: "built" | "local" | "pulled" }
  | { available: false; image: string; note: string };

export function readBaseImage(env: Env = process.env): string {
  return envText(env, BASE_IMAGE_VARIABLE) ?? BASE_IMAGE;
}

/** The Docker stage cannot build the target: its base image is not available here (an environment problem). */
export class BaseImageUnavailableError extends EnvironmentProblemError {}

export function baseImageNote(image: string, reason: string): string {
  const fix =
    image === BASE_IMAGE
      ? `install busybox (\`sudo apt-get install -y busybox-static\`) and build it with \`npm run docker:base-image\`, or set ${BASE_IMAGE_VARIABLE} to a Node 24 image you can pull (e.g. node:24-slim)`
      : `pull it (\`docker pull ${image}\`) or set ${BASE_IMAGE_VARIABLE} to an image this engine has; unset, the local ${BASE_IMAGE} is built here`;
  return `base image ${image} cannot be had (${reason}). Fix: ${fix}; ${REQUIRE_DOCKER}=1 turns this skip into a failure`;
}

export interface BaseImageDeps {
  /** Builds the local default image when missing (helpers/docker/base-image.ts). */
  ensureLocal: (image: string) => Promise<{ built: boolean }>;
  /** Whether the engine has `image`. */
  present: (image: string) => Promise<boolean>;
  /** Pulls `image`; resolves with the reason when it cannot. */
  pull: (image: string) => Promise<string | undefined>;
}

const lastLine = (text: string) => text.trim().split("\n").at(-1)?.slice(0, 300) ?? "";

async function pullWithCli(image: string): Promise<string | undefined> {
  const result = await run(["docker", "pull", "--quiet", image], { timeoutMs: 600_000 });
  return result.exitCode === 0 ? undefined : lastLine(result.stderr) || `docker pull exited ${result.exitCode}`;
}

/** Through the docker CLI (scripts that run without an engine client). */
export const cliDeps: BaseImageDeps = {
  ensureLocal: (image) => ensureBaseImage({ image }),
  present: async (image) => (await imageLabels(image)) !== undefined,
  pull: pullWithCli,
};

/** Through the engine client the stage already holds: inspecting an image costs one API call, not a CLI process. */
export function clientDeps(client: ContainerRuntimeClient): BaseImageDeps {
  const labels = async (image: string) => {
    const name = ImageName.fromString(image);
    if (!(await client.image.exists(name))) return undefined;
    return (await client.image.inspect(name)).Config?.Labels ?? {};
  };
  return {
    ensureLocal: (image) => ensureBaseImage({ image, labels }),
    present: async (image) => (await labels(image)) !== undefined,
    pull: pullWithCli,
  };
}

async function provide(image: string, deps: BaseImageDeps): Promise<BaseImageStatus> {
  try {
    if (image === BASE_IMAGE) {
      const { built } = await deps.ensureLocal(image);
      return { available: true, image, origin: built ? "built" : "local" };
    }
    if (await deps.present(image)) return { available: true, image, origin: "local" };
    const problem = await deps.pull(image);
    if (problem === undefined) return { available: true, image, origin: "pulled" };
    return { available: false, image, note: baseImageNote(image, `docker pull failed: ${problem}`) };
  } catch (error) {
    // The error's own "Fix: …" is replaced by the note's.
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.split("\n")[0]?.split(". Fix:")[0] ?? message;
    return { available: false, image, note: baseImageNote(image, reason) };
  }
}

const provided = new Map<string, Promise<BaseImageStatus>>();

/**
 * Makes `image` (default: SMOKEBOOK_BASE_IMAGE's) available. Asked once per process: later calls share the first
 * answer (`cache`), so concurrent stages check, build or pull it once.
 */
export function provideBaseImage(
  image: string = readBaseImage(),
  deps: BaseImageDeps = cliDeps,
  cache: Map<string, Promise<BaseImageStatus>> = provided,
): Promise<BaseImageStatus> {
  const cached = cache.get(image);
  if (cached) return cached;
  const pending = provide(image, deps);
  cache.set(image, pending);
  return pending;
}
