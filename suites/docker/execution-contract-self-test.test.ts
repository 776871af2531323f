// @module-tag contract
// @module-tag docker
/**
 * Self-tests of the Docker stage: broken copies of the target's Dockerfile (made in a temp folder at test time) are
 * really built, and fail exactly the right check with a message naming the Dockerfile and the instruction.
 */
import { mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, type TestContext } from "vitest";
import { ContractViolation } from "../../helpers/contract/errors.ts";
import { loadContract } from "../../helpers/contract/load.ts";
import { TargetCopy } from "../../helpers/contract/target-copy.ts";
import { checkDirectories, checkEffectiveUser } from "../../helpers/docker/container-checks.ts";
import { CONTAINER_CHECKS } from "../../helpers/docker/docker-checks.ts";
import { DockerStage } from "../../helpers/docker/docker-stage.ts";
import { REQUIRE_DOCKER } from "../../helpers/docker/engine.ts";
import { ImageBuildError } from "../../helpers/docker/image-build.ts";
import { checkExposedPort, checkImageEnv, checkImageUser } from "../../helpers/docker/image-checks.ts";
import { type DockerPrerequisites, dockerPrerequisites } from "../../helpers/docker/prerequisites.ts";
import { skipOrFail } from "../../helpers/smoke.ts";

const RESTART_CHECK = "running container: data the container user wrote before a restart is there after it";

async function violation(check: () => unknown): Promise<ContractViolation> {
  const error = await Promise.resolve()
    .then(check)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ContractViolation);
  return error as ContractViolation;
}

describe("Docker stage self-tests", { tags: ["self-test", "slow"], concurrent: true }, () => {
  let prerequisites: DockerPrerequisites = { ready: false, note: "the Docker engine was not probed yet" };
  beforeAll(async () => {
    prerequisites = await dockerPrerequisites();
  }, 600_000);

  function client(ctx: TestContext) {
    if (!prerequisites.ready) return skipOrFail(ctx, prerequisites.note, { requiredBy: REQUIRE_DOCKER });
    return prerequisites.client;
  }

  /** Runs every container check in order; the names of those that fail, with their errors. */
  async function failingContainerChecks(stage: DockerStage) {
    const failed: Array<{ name: string; error: unknown }> = [];
    for (const check of CONTAINER_CHECKS) {
      await Promise.resolve()
        .then(() => check.run(stage))
        .catch((error: unknown) => failed.push({ name: check.name, error }));
    }
    return failed;
  }

  it("USER 0 in the Dockerfile fails the User checks (image config and effective uid), and only those", async (ctx) => {
    await using copy = new TargetCopy(undefined, "docker-uid0");
    copy.replace("docker/Dockerfile", /^USER 1000$/m, "USER 0");
    await using stage = new DockerStage(copy.load(), client(ctx));
    await stage.build();
    const image = { contract: stage.contract, dockerfile: stage.dockerfile, config: stage.imageConfig() };
    const user = await violation(() => checkImageUser(image));
    expect(user).toMatchObject({ stage: "docker", item: "permissions", file: `${copy.dir}/docker/Dockerfile` });
    expect(user.message).toMatch(/docker\/Dockerfile: USER \(image Config\.User\): USER is "0"; expected USER 1000/);
    expect(checkExposedPort(image)).toBeDefined();
    expect(checkImageEnv(image)).toBeDefined();
    await stage.startIdle();
    const effective = await violation(() => checkEffectiveUser(stage));
    expect(effective.message).toMatch(
      /docker\/Dockerfile: USER \(effective user.*\): uid=0\(root\).*expected uid=1000 gid=1000/,
    );
    await expect(checkDirectories(stage)).resolves.toBeDefined();
  });

  it("a contract directory missing from RUN mkdir fails the directory check naming it, and only that", async (ctx) => {
    await using copy = new TargetCopy(undefined, "docker-nodir");
    copy.replace("docker/Dockerfile", / \/opt\/platform\/runtime\/observer\/universe \\\n/, " \\\n");
    await using stage = new DockerStage(copy.load(), client(ctx));
    await stage.build();
    const image = { contract: stage.contract, dockerfile: stage.dockerfile, config: stage.imageConfig() };
    expect(checkImageUser(image)).toBeDefined();
    expect(checkImageEnv(image)).toBeDefined();
    await stage.startIdle();
    const dirs = await violation(() => checkDirectories(stage));
    expect(dirs).toMatchObject({ item: "paths", file: `${copy.dir}/docker/Dockerfile` });
    expect(dirs.message).toMatch(
      /docker\/Dockerfile: RUN mkdir \(contract directories in the image\): universe is missing \(\/opt\/platform\/runtime\/observer\/universe\)/,
    );
    await expect(checkEffectiveUser(stage)).resolves.toBeDefined();
    // The app itself refuses to start without it and says which one (B.1 rule 4), rather than creating it.
    const app = await stage.container().exec(["node", "/app/src/main.mjs"]);
    expect(app.exitCode).not.toBe(0);
    expect(app.output).toMatch(/missing runtime directories: universe/);
  });

  it("a Dockerfile outside its context, both named from a contract kept elsewhere, builds the right files", async (ctx) => {
    await using copy = new TargetCopy(undefined, "docker-layout");
    // ops/contract.yaml names ../app (the context) and ../build/Dockerfile (outside it): the GitOps-repo layout.
    mkdirSync(join(copy.dir, "app"));
    mkdirSync(join(copy.dir, "build"));
    mkdirSync(join(copy.dir, "ops"));
    renameSync(join(copy.dir, "src"), join(copy.dir, "app", "src"));
    renameSync(join(copy.dir, "docker", "Dockerfile"), join(copy.dir, "build", "Dockerfile"));
    const contract = copy
      .read("contract.yaml")
      .replace("dockerfile: docker/Dockerfile", "dockerfile: ../build/Dockerfile")
      .replace("  context: .\n", "  context: ../app\n");
    copy.write("ops/contract.yaml", contract);
    await using stage = new DockerStage(loadContract(join(copy.dir, "ops", "contract.yaml")), client(ctx));
    expect(stage).toMatchObject({
      dockerfilePath: join(copy.dir, "build", "Dockerfile"),
      contextPath: join(copy.dir, "app"),
    });
    await stage.build();
    const image = { contract: stage.contract, dockerfile: stage.dockerfile, config: stage.imageConfig() };
    expect(checkImageUser(image)).toBeDefined();
    await stage.startIdle();
    const listed = await stage.container().exec(["ls", "/app/src"]);
    expect(listed.output).toMatch(/main\.mjs/);
  });

  it("a failing Dockerfile step fails the build, the error names the step, and no step image is left", async (ctx) => {
    await using copy = new TargetCopy(undefined, "docker-build");
    // A label of its own right after FROM: the steps before the failing one are this build's alone (no shared cache).
    copy.replace(
      "docker/Dockerfile",
      /^FROM \$\{BASE_IMAGE\}$/m,
      `FROM \${BASE_IMAGE}\nLABEL org.smokebook.self-test=build-failure-${Date.now()}`,
    );
    copy.replace("docker/Dockerfile", /^USER 1000$/m, "RUN false\nUSER 1000");
    const engine = client(ctx);
    const stage = new DockerStage(copy.load(), engine);
    const error = await stage.build().then(
      () => undefined,
      (e: unknown) => e,
    );
    await stage[Symbol.asyncDispose]();
    expect(error).toBeInstanceOf(ImageBuildError);
    expect((error as Error).message).toMatch(
      /docker build of smokebook\/observer-.* failed: The command '\/bin\/sh -c false' returned a non-zero code: 1/,
    );
    const { log, intermediates } = error as ImageBuildError;
    expect(log).toMatch(/Step \d+\/\d+ : RUN false/);
    expect(intermediates.length).toBeGreaterThanOrEqual(4);
    for (const id of intermediates) {
      const left = await engine.container.dockerode
        .getImage(id)
        .inspect()
        .then(
          () => true,
          () => false,
        );
      expect(left, `step image ${id} left behind`).toBe(false);
    }
  });

  it("an app that truncates its records on start fails only the restart check", async (ctx) => {
    await using copy = new TargetCopy(undefined, "docker-truncate");
    copy.replace(
      "src/records.mjs",
      "import { appendFileSync } from",
      "import { writeFileSync as appendFileSync } from",
    );
    await using stage = new DockerStage(copy.load(), client(ctx));
    await stage.build();
    await stage.start();
    const failed = await failingContainerChecks(stage);
    expect(failed.map((f) => f.name)).toEqual([RESTART_CHECK]);
    expect(String((failed[0]?.error as Error | undefined)?.message)).toMatch(
      /docker\/Dockerfile: volume at \/opt\/platform\/runtime\/observer\/data across docker restart: marker kept, records 1 → 1 \(earlier records changed or lost\)/,
    );
  });

  it("an app that empties its data directory on start loses the container user's marker: only the restart check fails", async (ctx) => {
    await using copy = new TargetCopy(undefined, "docker-wipe");
    copy.replace(
      "src/main.mjs",
      '  const logFile = join(config.dirs.logs, "observer.log");',
      '  for (const name of readdirSync(config.dirs.data)) rmSync(join(config.dirs.data, name), { force: true });\n  const logFile = join(config.dirs.logs, "observer.log");',
    );
    copy.replace(
      "src/main.mjs",
      "import { appendFileSync, readdirSync } from",
      "import { appendFileSync, readdirSync, rmSync } from",
    );
    await using stage = new DockerStage(copy.load(), client(ctx));
    await stage.build();
    await stage.start();
    const failed = await failingContainerChecks(stage);
    expect(failed.map((f) => f.name)).toEqual([RESTART_CHECK]);
    expect(String((failed[0]?.error as Error | undefined)?.message)).toMatch(
      /across docker restart: marker lost \(in the container: lost, on the host: lost\), records \d+ → 1 \(earlier records changed or lost\)/,
    );
  });
});
