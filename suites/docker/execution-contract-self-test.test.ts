// @module-tag docker
/**
 * Self-tests of the Docker stage: broken copies of the target's Dockerfile (made in a temp folder at test time) are
 * really built, and fail exactly the right check with a message naming the Dockerfile and the instruction.
 */
import { beforeAll, describe, expect, it, type TestContext } from "vitest";
import { ContractViolation } from "../../helpers/contract/errors.ts";
import { TargetCopy } from "../../helpers/contract/target-copy.ts";
import { checkDirectories, checkEffectiveUser } from "../../helpers/docker/container-checks.ts";
import { CONTAINER_CHECKS } from "../../helpers/docker/docker-checks.ts";
import { DockerStage } from "../../helpers/docker/docker-stage.ts";
import { detectEngine, type EngineStatus, REQUIRE_DOCKER } from "../../helpers/docker/engine.ts";
import { ImageBuildError } from "../../helpers/docker/image-build.ts";
import { checkExposedPort, checkImageEnv, checkImageUser } from "../../helpers/docker/image-checks.ts";
import { skipOrFail } from "../../helpers/smoke.ts";

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
  let engine: EngineStatus = { available: false, note: "engine not probed yet" };
  beforeAll(async () => {
    engine = await detectEngine();
  });

  function client(ctx: TestContext) {
    if (!engine.available) return skipOrFail(ctx, engine.note, { requiredBy: REQUIRE_DOCKER });
    return engine.client;
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

  it("a failing Dockerfile step fails the build, and the error names the step", async (ctx) => {
    await using copy = new TargetCopy(undefined, "docker-build");
    copy.replace("docker/Dockerfile", /^USER 1000$/m, "RUN false\nUSER 1000");
    await using stage = new DockerStage(copy.load(), client(ctx));
    const error = await stage.build().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImageBuildError);
    expect((error as Error).message).toMatch(
      /docker build of smokebook\/observer-.* failed: The command '\/bin\/sh -c false' returned a non-zero code: 1/,
    );
    expect((error as ImageBuildError).log).toMatch(/Step \d+\/\d+ : RUN false/);
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
    const failed: Array<{ name: string; error: unknown }> = [];
    for (const check of CONTAINER_CHECKS) {
      await Promise.resolve()
        .then(() => check.run(stage))
        .catch((error: unknown) => failed.push({ name: check.name, error }));
    }
    expect(failed.map((f) => f.name)).toEqual(["running container: data written before a restart is there after it"]);
    expect(String((failed[0]?.error as Error | undefined)?.message)).toMatch(
      /docker\/Dockerfile: volume at \/opt\/platform\/runtime\/observer\/data across docker restart: marker kept, records 1 → 1 \(earlier records changed or lost\)/,
    );
  });
});
