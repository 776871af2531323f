// @module-tag contract
// @module-tag docker
/**
 * Seed 004 §3.2 — Docker stage of the execution contract, on a real engine through testcontainers.
 * The image is built once and one app container is reused by every container check; both, and the host folder
 * mounted at the data path, are removed at the end, also when a check fails. A failure that first appears here is
 * the Dockerfile's (seed 004 §6.1 step 2). Without an engine, or without the base image (SMOKEBOOK_BASE_IMAGE, default
 * the local smokebook/node-base:24), every check is skipped with a note on how to fix it; SMOKEBOOK_REQUIRE_DOCKER=1
 * (set by .ci/run) makes that a failure. A check that does not apply to the contract is skipped with a note too.
 */
import { afterAll, beforeAll, describe, it, type TestContext } from "vitest";
import {
  CheckNotApplicableError,
  ContractViolation,
  EnvironmentProblemError,
  NotDeclaredError,
  StageBlockedError,
} from "../../helpers/contract/errors.ts";
import { withPollEvidence } from "../../helpers/contract/poll-evidence.ts";
import { loadStageContract } from "../../helpers/contract/stage-contract.ts";
import { CONTAINER_CHECKS, type DockerCheck, IMAGE_CHECKS } from "../../helpers/docker/docker-checks.ts";
import { DockerStage } from "../../helpers/docker/docker-stage.ts";
import { detectEngine, type EngineStatus, REQUIRE_DOCKER } from "../../helpers/docker/engine.ts";
import { recordIds } from "../../helpers/evidence/record.ts";
import { checkItem, recordStageSkipped } from "../../helpers/layer-diagnosis-evidence.ts";
import { skipOrFail } from "../../helpers/smoke.ts";

describe("execution contract — Docker stage (Dockerfile)", { tags: ["slow"] }, () => {
  let engine: EngineStatus = { available: false, note: "the Docker engine was not probed yet" };
  let undeclared: NotDeclaredError | undefined;
  let stage: DockerStage | undefined;
  let buildError: unknown;
  let startError: unknown;

  beforeAll(async () => {
    const loaded = loadStageContract("docker");
    if (!loaded.contract.docker) {
      undeclared = new NotDeclaredError("docker", loaded.file, "the image build and the container (Docker stage)");
      return;
    }
    engine = await detectEngine();
    if (!engine.available) return;
    // The base image (docker.baseImageArg) and every other FROM image are provided by build(): one that cannot be
    // had is an environment problem, reported by the build check alone.
    stage = new DockerStage(loaded, engine.client);
    buildError = await stage.build().then(
      () => undefined,
      (error: unknown) => error,
    );
    if (buildError === undefined) {
      startError = await stage.start().then(
        () => undefined,
        (error: unknown) => error,
      );
    }
  }, 600_000);

  afterAll(async () => {
    await stage?.[Symbol.asyncDispose]();
  });

  async function ready(ctx: TestContext, item: DockerCheck["item"], name: string): Promise<DockerStage> {
    if (undeclared) return ctx.skip(undeclared.message);
    if (!engine.available || !stage) {
      const note = engine.available ? "the Docker stage was not set up" : engine.note;
      await recordStageSkipped(ctx, "docker", item, name, note);
      skipOrFail(ctx, note, { requiredBy: REQUIRE_DOCKER });
    }
    return stage as DockerStage;
  }

  /** After an environment problem at build time, the dependent checks say so instead of "not built". */
  function notBuilt(): void {
    if (buildError instanceof EnvironmentProblemError)
      throw new StageBlockedError(`not checked: ${buildError.message}`);
  }

  const buildCheck = "docker build of the target's Dockerfile succeeds";
  it(buildCheck, async (ctx) => {
    const s = await ready(ctx, "build", buildCheck);
    await checkItem(
      ctx,
      { stage: "docker", item: "build", check: buildCheck },
      () => {
        if (buildError === undefined) return;
        if (buildError instanceof EnvironmentProblemError) throw buildError;
        throw new ContractViolation(
          {
            stage: "docker",
            item: "build",
            file: s.dockerfile,
            field: "docker build",
            expected: "a successful build",
            actual: (buildError as Error).message,
          },
          buildError,
        );
      },
      { requiredBy: REQUIRE_DOCKER },
    );
    await recordIds(ctx, { image: s.image, base_image: s.baseImage, run_id: s.runId });
  });

  for (const check of IMAGE_CHECKS) {
    it(check.name, async (ctx) => {
      const s = await ready(ctx, check.item, check.name);
      await checkItem(ctx, { stage: "docker", item: check.item, check: check.name }, () => {
        notBuilt();
        return check.run(s);
      });
    });
  }

  const startCheck = "the container starts and answers GET /health (docker run)";
  it(startCheck, async (ctx) => {
    const s = await ready(ctx, "health", startCheck);
    await checkItem(ctx, { stage: "docker", item: "health", check: startCheck }, () => {
      notBuilt();
      s.imageConfig();
      if (startError === undefined) return;
      const logs = s.logs.trim().split("\n").slice(-5).join(" | ");
      throw new ContractViolation(
        {
          stage: "docker",
          item: "health",
          file: s.dockerfile,
          field: "CMD (container start)",
          expected: s.contract.health
            ? `GET ${s.contract.health.path} → ${s.contract.health.status}`
            : `port ${s.contract.port.number} listening`,
          actual: `${(startError as Error).message.split("\n")[0]}; logs: ${logs || "none"}`,
        },
        startError,
      );
    });
    await recordIds(ctx, { container: s.container().getName().replace(/^\//, ""), health: s.healthUrl() });
  });

  for (const check of CONTAINER_CHECKS) {
    it(check.name, async (ctx) => {
      const s = await ready(ctx, check.item, check.name);
      const details = await checkItem(ctx, { stage: "docker", item: check.item, check: check.name }, () => {
        notBuilt();
        return withPollEvidence(ctx, async (onPoll) => check.run(s, { onPoll }));
      }).catch((error: unknown) => {
        if (error instanceof CheckNotApplicableError) return skipOrFail(ctx, error.message);
        throw error;
      });
      const ids = Object.fromEntries(
        Object.entries(details).map(([k, v]) => [k, typeof v === "number" ? v : String(v)]),
      );
      await recordIds(ctx, ids);
    });
  }
});
