/**
 * The target's image on the node, built the way the Docker stage builds it (helpers/docker: DockerStage, the local
 * base image), tagged as the Deployment names it, and copied into the node's containerd. No registry is involved:
 * the manifests keep `imagePullPolicy: IfNotPresent` and the node has the image. A node that has every image already
 * (a failure scenario applied after cluster:up) is left as it is.
 */
import { $ } from "zx";
import type { LoadedContract } from "../contract/load.ts";
import { DockerStage } from "../docker/docker-stage.ts";
import { dockerPrerequisites } from "../docker/prerequisites.ts";
import { SmokebookError } from "../errors.ts";
import { loadIntoNode, nodeImages } from "./node-images.ts";

export async function provideTargetImage(
  loaded: LoadedContract,
  images: string[],
  socket: string,
  ctr: string,
  log: (line: string) => void,
): Promise<void> {
  if (images.length === 0) return;
  const present = await nodeImages(socket, ctr);
  if (images.every((image) => present.includes(image) || present.includes(`docker.io/${image}`))) {
    log(`the node has ${images.join(", ")} already`);
    return;
  }
  const prerequisites = await dockerPrerequisites();
  if (!prerequisites.ready)
    throw new SmokebookError("CLUSTER_IMAGE_FAILED", `cannot build the target image: ${prerequisites.note}`);
  await using stage = new DockerStage(loaded, prerequisites.client);
  const started = Date.now();
  await stage.build();
  log(`built ${stage.image} from the target's Dockerfile in ${Math.round((Date.now() - started) / 1000)} s`);
  for (const image of images) {
    const tagged = await $({ quiet: true, nothrow: true })`docker tag ${stage.image} ${image}`;
    if (tagged.exitCode !== 0)
      throw new SmokebookError("CLUSTER_IMAGE_FAILED", `docker tag ${image}: ${tagged.stderr}`);
    await loadIntoNode(image, socket, ctr);
    await $({ quiet: true, nothrow: true })`docker rmi ${image}`;
    log(`loaded ${image} into the node`);
  }
}
