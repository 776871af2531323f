/**
 * One Docker stage run against a target: builds its Dockerfile once (unique, policy-following tag), starts one app
 * container with a host folder bind-mounted at the contract data path and one contract variable overridden with -e,
 * and removes the container, the image and the host folder on disposal — also after a failed check.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ContainerRuntimeClient,
  GenericContainer,
  ImageName,
  type StartedTestContainer,
  Wait,
} from "testcontainers";
import { StageBlockedError } from "../contract/errors.ts";
import { type LoadedContract, targetFile } from "../contract/load.ts";
import { expectedPaths, overridableVariable } from "../contract/resolve.ts";
import { registerContractSecrets, registerContractSecretsFromLines } from "../contract/secrets.ts";
import { buildTag } from "../contract/tag-policy.ts";
import { BaseImageUnavailableError, clientDeps, provideBaseImage, readBaseImage } from "./base-image-source.ts";
import { buildImage, ImageBuildError } from "./image-build.ts";
import type { ImageConfig } from "./image-checks.ts";

export interface DockerStageOptions {
  /** The Dockerfile's BASE_IMAGE build argument; default SMOKEBOOK_BASE_IMAGE, else the local node-base image. */
  baseImage?: string;
  runId?: string;
  startupTimeoutMs?: number;
}

export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

export class DockerStage implements AsyncDisposable {
  readonly loaded: LoadedContract;
  readonly client: ContainerRuntimeClient;
  readonly runId: string;
  readonly image: string;
  readonly baseImage: string;
  readonly dockerfile: string;
  readonly labels: Record<string, string>;
  /** The -e override this stage injects (a contract variable with declared values). */
  readonly override: { name: string; value: string } | undefined;
  readonly dataPath: string;
  hostDataDir: string | undefined;
  logs = "";
  #config: ImageConfig | undefined;
  #container: StartedTestContainer | undefined;
  #builtImage = false;
  /** Untagged step images a failed build left behind, removed on disposal. */
  #intermediates: string[] = [];
  readonly #startupTimeoutMs: number;

  constructor(loaded: LoadedContract, client: ContainerRuntimeClient, options: DockerStageOptions = {}) {
    const { contract } = loaded;
    this.loaded = loaded;
    this.client = client;
    this.runId = options.runId ?? newRunId();
    this.image = `smokebook/${contract.name}-${this.runId}:${buildTag()}`;
    this.baseImage = options.baseImage ?? readBaseImage();
    this.dockerfile = targetFile(loaded, contract.docker.dockerfile);
    this.labels = { "org.smokebook.run": this.runId, "org.smokebook.target": contract.name };
    this.override = overridableVariable(contract);
    this.dataPath = expectedPaths(contract).directories[contract.app.records.directory] as string;
    this.#startupTimeoutMs = options.startupTimeoutMs ?? 30_000;
  }

  get contract() {
    return this.loaded.contract;
  }

  /** Builds the image (the base image first, once per process: built locally or pulled, see base-image-source.ts). */
  async build(): Promise<{ log: string }> {
    const base = await provideBaseImage(this.baseImage, clientDeps(this.client));
    if (!base.available) throw new BaseImageUnavailableError(base.note);
    const { docker } = this.contract;
    this.#builtImage = true;
    const result = await buildImage(this.client, {
      context: join(this.loaded.targetDir, docker.context),
      dockerfile: docker.dockerfile,
      image: this.image,
      buildArgs: { [docker.baseImageArg]: this.baseImage },
      labels: this.labels,
    }).catch((error: unknown) => {
      if (error instanceof ImageBuildError) this.#intermediates = error.intermediates;
      throw error;
    });
    const inspect = await this.client.image.inspect(ImageName.fromString(this.image));
    this.#config = inspect.Config as ImageConfig;
    registerContractSecretsFromLines(this.contract, this.#config.Env ?? []);
    return result;
  }

  imageConfig(): ImageConfig {
    if (!this.#config) throw new StageBlockedError(`not checked: the image of ${this.dockerfile} was not built`);
    return this.#config;
  }

  /** A host folder the container user can write, as a developer prepares it for `docker run -v` (B.3). */
  #prepareHostDir(): string {
    const dir = mkdtempSync(join(tmpdir(), `smokebook-docker-data-${this.runId}-`));
    const { uid, gid } = this.contract.permissions;
    if (process.getuid?.() === 0) chownSync(dir, uid, gid);
    else chmodSync(dir, 0o777);
    this.hostDataDir = dir;
    return dir;
  }

  /** Starts the app container: contract port mapped, host folder at the data path, the -e override injected. */
  async start(): Promise<StartedTestContainer> {
    this.imageConfig();
    const { port, health } = this.contract;
    const env = this.override ? { [this.override.name]: this.override.value } : {};
    registerContractSecrets(this.contract, env);
    const wait = Wait.forHttp(health.path, port.number, { abortOnContainerExit: true })
      .forStatusCode(health.status)
      .withReadTimeout(100);
    this.#container = await new GenericContainer(this.image)
      .withName(`smokebook-${this.contract.name}-${this.runId}`)
      .withLabels(this.labels)
      .withExposedPorts(port.number)
      .withEnvironment(env)
      .withBindMounts([{ source: this.#prepareHostDir(), target: this.dataPath, mode: "rw" }])
      .withLogConsumer((stream) => stream.on("data", (chunk: Buffer | string) => (this.logs += chunk.toString())))
      .withWaitStrategy(wait)
      .withStartupTimeout(this.#startupTimeoutMs)
      .start();
    return this.#container;
  }

  /** Starts a container of the image that only sleeps, to inspect the image's filesystem without the app. */
  async startIdle(): Promise<StartedTestContainer> {
    this.imageConfig();
    this.#container = await new GenericContainer(this.image)
      .withName(`smokebook-${this.contract.name}-idle-${this.runId}`)
      .withLabels(this.labels)
      .withEntrypoint(["/bin/sh", "-c"])
      .withCommand(['trap "exit 0" TERM; sleep 600 & wait'])
      .withWaitStrategy(Wait.forListeningPorts())
      .start();
    return this.#container;
  }

  container(): StartedTestContainer {
    if (!this.#container) throw new StageBlockedError(`not checked: no container of ${this.image} is running`);
    return this.#container;
  }

  healthUrl(): string {
    const container = this.container();
    const host = container.getHost() === "localhost" ? "127.0.0.1" : container.getHost();
    return `http://${host}:${container.getMappedPort(this.contract.port.number)}${this.contract.health.path}`;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    const problems: unknown[] = [];
    const container = this.#container;
    this.#container = undefined;
    if (container) {
      // One call kills and removes the container and its anonymous volumes (docker rm -f -v).
      await this.client.container.dockerode
        .getContainer(container.getId())
        .remove({ force: true, v: true })
        .catch((e: { statusCode?: number }) => e.statusCode === 404 || problems.push(e));
    }
    if (this.#builtImage) {
      await this.client.container.dockerode
        .getImage(this.image)
        .remove({ force: true })
        .catch((e: { statusCode?: number }) => e.statusCode === 404 || problems.push(e));
    }
    for (const id of this.#intermediates.reverse()) {
      // Only untagged images nothing builds on: a step image another build reuses as cache refuses (409) and stays.
      const image = this.client.container.dockerode.getImage(id);
      const tags = await image.inspect().then(
        (info: { RepoTags?: string[] }) => info.RepoTags ?? [],
        () => undefined,
      );
      if (tags?.length === 0) await image.remove({ noprune: false }).catch(() => undefined);
    }
    this.#intermediates = [];
    if (this.hostDataDir) rmSync(this.hostDataDir, { recursive: true, force: true });
    if (problems.length > 0) throw new AggregateError(problems, `cleanup of docker stage ${this.runId} failed`);
  }
}
