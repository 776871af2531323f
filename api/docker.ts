/** smokebook/docker: a Docker engine for smokes (found or skipped with a note) and image builds through it. */
export type { EngineStatus } from "../helpers/docker/engine.ts";
export { configureTestcontainers, detectEngine, noEngineNote } from "../helpers/docker/engine.ts";
export { buildImage, ImageBuildError } from "../helpers/docker/image-build.ts";
