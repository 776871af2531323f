/**
 * One run of the smokebook Docker stage checks outside vitest (the same DockerStage and check list the suite uses),
 * for scripts/bench-docker.ts. Prints one JSON line: { passed, skipped: [names], failed: [names] }; exit code 1 when
 * a check failed, 2 when the engine or the base image is missing.
 */
import { CheckNotApplicableError } from "../../helpers/contract/errors.ts";
import { loadTargetContract } from "../../helpers/contract/load.ts";
import { CONTAINER_CHECKS, IMAGE_CHECKS } from "../../helpers/docker/docker-checks.ts";
import { DockerStage } from "../../helpers/docker/docker-stage.ts";
import { dockerPrerequisites } from "../../helpers/docker/prerequisites.ts";

async function main(): Promise<number> {
  const ready = await dockerPrerequisites();
  if (!ready.ready) {
    console.error(ready.note);
    return 2;
  }
  const failed: string[] = [];
  const skipped: string[] = [];
  let passed = 0;
  const outcome = (name: string) => (error: unknown) =>
    error instanceof CheckNotApplicableError ? skipped.push(name) : failed.push(name);
  {
    await using stage = new DockerStage(loadTargetContract(), ready.client, { baseImage: ready.baseImage });
    await stage.build();
    for (const check of IMAGE_CHECKS) {
      await Promise.resolve()
        .then(() => check.run(stage))
        .then(() => passed++, outcome(check.name));
    }
    await stage.start();
    for (const check of CONTAINER_CHECKS) {
      await Promise.resolve()
        .then(() => check.run(stage))
        .then(() => passed++, outcome(check.name));
    }
  }
  console.log(JSON.stringify({ passed, skipped, failed }));
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
