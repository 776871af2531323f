/**
 * Builds a Dockerfile on the engine testcontainers connects to (its dockerode client), keeping the build output so
 * that a failed build says which step failed and why.
 */
import type { ContainerRuntimeClient } from "testcontainers";
import { SmokebookError } from "../errors.ts";
import { contextTar } from "./build-context.ts";

export class ImageBuildError extends SmokebookError {
  readonly image: string;
  readonly log: string;
  /** Images the failed build left behind (the steps before the failing one); nothing tags or removes them. */
  readonly intermediates: string[];

  constructor(image: string, reason: string, log: string) {
    const tail = log.trim().split("\n").slice(-8).join("\n");
    super("IMAGE_BUILD_FAILED", `docker build of ${image} failed: ${reason}\n${tail}`);
    this.image = image;
    this.log = log;
    this.intermediates = intermediateImages(log);
  }
}

/**
 * The image ids the classic builder printed after each step (" ---> 1a5e90eaf501"), except the first (the FROM
 * image itself). A failed build leaves these untagged; removing the final image of a good build prunes them.
 */
export function intermediateImages(log: string): string[] {
  const ids = [...log.matchAll(/^ ---> ([0-9a-f]{12,64})\s*$/gm)].map((m) => m[1] as string);
  return [...new Set(ids.slice(1))];
}

export interface BuildRequest {
  /** Absolute path of the build context folder. */
  context: string;
  /** Absolute path of the Dockerfile (inside the context or not: see build-context.ts). */
  dockerfile: string;
  image: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export async function buildImage(client: ContainerRuntimeClient, request: BuildRequest): Promise<{ log: string }> {
  const dockerode = client.container.dockerode;
  const context = contextTar(request.context, request.dockerfile);
  let events: BuildEvent[];
  try {
    const stream = await dockerode.buildImage(context.tar, {
      t: request.image,
      dockerfile: context.dockerfile,
      buildargs: request.buildArgs,
      labels: request.labels,
      rm: true,
      forcerm: true,
    });
    events = await new Promise<BuildEvent[]>((resolve, reject) => {
      dockerode.modem.followProgress(stream, (error: Error | null, output: BuildEvent[]) =>
        error ? reject(error) : resolve(output),
      );
    });
  } finally {
    context.dispose();
  }
  const log = events.map((e) => e.stream ?? (e.error ? `ERROR: ${e.error}\n` : "")).join("");
  const failure = events.find((e) => e.error || e.errorDetail);
  if (failure) throw new ImageBuildError(request.image, failure.errorDetail?.message ?? failure.error ?? "error", log);
  return { log };
}
