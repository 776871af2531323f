/**
 * The Docker stage's checks in the order they run, shared by suites/docker and scripts/bench-docker.ts so both time
 * the same work. Image checks read the image config; container checks reuse one running app container, in order (the
 * restart check last).
 */
import type { ContractItem } from "../contract/errors.ts";
import {
  type ContainerCheckOptions,
  checkDirectories,
  checkEffectiveUser,
  checkEnvOverride,
  checkHealth,
  checkRestartKeepsData,
  checkVolumeWrite,
} from "./container-checks.ts";
import type { DockerStage } from "./docker-stage.ts";
import { checkExposedPort, checkImageEnv, checkImageUser } from "./image-checks.ts";

export interface DockerCheck {
  name: string;
  item: ContractItem;
  run: (
    stage: DockerStage,
    options?: ContainerCheckOptions,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const image = (stage: DockerStage) => ({
  contract: stage.contract,
  contractFile: stage.loaded.file,
  dockerfile: stage.dockerfile,
  config: stage.imageConfig(),
});

export const IMAGE_CHECKS: ReadonlyArray<DockerCheck> = [
  { name: "image config: User is the contract uid (USER)", item: "permissions", run: (s) => checkImageUser(image(s)) },
  {
    name: "image config: ExposedPorts holds the contract port (EXPOSE)",
    item: "port",
    run: (s) => checkExposedPort(image(s)),
  },
  { name: "image config: Env carries the contract defaults (ENV)", item: "env", run: (s) => checkImageEnv(image(s)) },
];

export const CONTAINER_CHECKS: ReadonlyArray<DockerCheck> = [
  {
    name: "running container: effective user is the contract uid/gid, not root (docker exec id)",
    item: "permissions",
    run: checkEffectiveUser,
  },
  {
    name: "running container: the contract directories exist and are writable (docker exec ls)",
    item: "paths",
    run: checkDirectories,
  },
  {
    name: "running container: docker run -e overrides the Dockerfile ENV (docker exec env)",
    item: "env",
    run: checkEnvOverride,
  },
  {
    name: "running container: a host volume at the data path is writable and its files appear on the host",
    item: "volumes",
    run: checkVolumeWrite,
  },
  { name: "running container: GET /health answers 200 through the mapped port", item: "health", run: checkHealth },
  {
    name: "running container: data the container user wrote before a restart is there after it",
    item: "volumes",
    run: checkRestartKeepsData,
  },
];
