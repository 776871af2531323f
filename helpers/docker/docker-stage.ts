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
import { NotDeclaredError, StageBlockedError } from "../contract/errors.ts";
import { contractPathOf, type LoadedContract, targetFile } from "../contract/load.ts";
import { overridableVariable, volumePath } from "../contract/resolve.ts";
import type { Contract } from "../contract/schema.ts";
import { registerContractSecrets, registerContractSecretsFromLines } from "../contract/secrets.ts";
import { buildTag } from "../contract/tag-policy.ts";
import { BaseImageUnavailableError, clientDeps, provideBaseImage, readBaseImage } from "./base-image-source.ts";
import { engineAvailability, unavailableFromImage } from "./from-images.ts";
import { buildImage, ImageBuildError } from "./image-build.ts";
import type { ImageConfig } from "./image-checks.ts";

export interface DockerStageOptions {
  /** The Dockerfile's base-image build argument (docker.baseImageArg); default SMOKEBOOK_BASE_IMAGE. */
  baseImage?: string;
  runId?: string;
  startupTimeoutMs?: number;
}

export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** The persistent volume the stage bind-mounts: the records directory when persistent, else the first one. */
export function dataPathOf(contract: Contract): string | undefined {
  const persistent = contract.volumes?.persistent ?? [];
  const records = contract.app?.records?.directory;
  const ref = records !== undefined && persistent.includes(records) ? records : persistent[0];
  return ref === undefined ? undefined : volumePath(contract, ref);
}

/** The build arguments: docker.buildArgs, and the base image under docker.baseImageArg. */
export function buildArgsOf(contract: Contract, baseImage: string | undefined): Record<string, string> {
  const docker = contract.docker;
  const args: Record<string, string> = { ...(docker?.buildArgs ?? {}) };
  if (docker?.baseImageArg && baseImage !== undefined) args[docker.baseImageArg] = baseImage;
  return args;
}

export class DockerStage implements AsyncDisposable {
  readonly loaded: LoadedContract;
  readonly client: ContainerRuntimeClient;
  readonly runId: string;
  readonly image: string;
  /** The image under docker.baseImageArg, or undefined when the Dockerfile names its own. */
  readonly baseImage: string | undefined;
  /** The Dockerfile as messages show it. */
  readonly dockerfile: string;
  readonly dockerfilePath: string;
  readonly contextPath: string;
  readonly buildArgs: Record<string, string>;
  readonly labels: Record<string, string>;
  /** The -e override this stage injects (a contract variable with declared values). */
  readonly override: { name: string; value: string } | undefined;
  /** The persistent contract path a host folder is bind-mounted at, or undefined (no persistent volume declared). */
  readonly dataPath: string | undefined;
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
    const docker = contract.docker;
    if (!docker) throw new NotDeclaredError("docker", loaded.file, "the image build and the container (Docker stage)");
    this.loaded = loaded;
    this.client = client;
    this.runId = options.runId ?? newRunId();
    this.image = `smokebook/${contract.name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-")}-${this.runId}:${buildTag()}`;
    this.baseImage = docker.baseImageArg ? (options.baseImage ?? readBaseImage()) : undefined;
    this.dockerfile = targetFile(loaded, docker.dockerfile);
    this.dockerfilePath = contractPathOf(loaded, docker.dockerfile);
    this.contextPath = contractPathOf(loaded, docker.context);
    this.buildArgs = buildArgsOf(contract, this.baseImage);
    this.labels = { "org.smokebook.run": this.runId, "org.smokebook.target": contract.name };
    this.override = overridableVariable(contract);
    this.dataPath = dataPathOf(contract);
    this.#startupTimeoutMs = options.startupTimeoutMs ?? 30_000;
  }

  get contract() {
    return this.loaded.contract;
  }

  /**
   * Builds the image: the base image first (once per process: built locally or pulled, see base-image-source.ts),
   * then every other FROM image present or pulled; one that cannot be had is an environment problem
   * (BaseImageUnavailableError, code ENVIRONMENT_MISSING), never a build verdict on the Dockerfile.
   */
  async build(): Promise<{ log: string }> {
    if (this.baseImage !== undefined) {
      const base = await provideBaseImage(this.baseImage, clientDeps(this.client));
      if (!base.available) throw new BaseImageUnavailableError(base.note);
    }
    const fromProblem = await unavailableFromImage(
      this.dockerfilePath,
      this.dockerfile,
      this.buildArgs,
      engineAvailability(this.client),
      this.baseImage !== undefined ? [this.baseImage] : [],
    );
    if (fromProblem !== undefined) throw new BaseImageUnavailableError(fromProblem);
    this.#builtImage = true;
    const result = await buildImage(this.client, {
      context: this.contextPath,
      dockerfile: this.dockerfilePath,
      image: this.image,
      buildArgs: this.buildArgs,
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
    const { uid, gid } = this.contract.permissions ?? {};
    if (process.getuid?.() === 0 && uid !== undefined) chownSync(dir, uid, gid ?? uid);
    else chmodSync(dir, 0o777);
    this.hostDataDir = dir;
    return dir;
  }

  /**
   * Starts the app container: contract port mapped, a host folder at the data path (when a persistent volume is
   * declared), the -e override injected; waits for GET <health> (or, without health, for the port to listen).
   */
  async start(): Promise<StartedTestContainer> {
    this.imageConfig();
    const { port, health } = this.contract;
    const env = this.override ? { [this.override.name]: this.override.value } : {};
    registerContractSecrets(this.contract, env);
    const wait = health
      ? Wait.forHttp(health.path, port.number, { abortOnContainerExit: true })
          .forStatusCode(health.status)
          .withReadTimeout(100)
      : Wait.forListeningPorts();
    const mounts = this.dataPath
      ? [{ source: this.#prepareHostDir(), target: this.dataPath, mode: "rw" as const }]
      : [];
    this.#container = await new GenericContainer(this.image)
      .withName(`smokebook-${this.contract.name}-${this.runId}`)
      .withLabels(this.labels)
      .withExposedPorts(port.number)
      .withEnvironment(env)
      .withBindMounts(mounts)
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
    return `http://${host}:${container.getMappedPort(this.contract.port.number)}${this.contract.health?.path ?? "/"}`;
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
