/**
 * One run of the smokebook Docker stage checks outside vitest (the same DockerStage and check list the suite uses),
 * for scripts/bench-docker.ts. Prints one JSON line: { passed, failed: [names] }; exit code 1 when a check failed.
 */
import { loadContract } from "../../helpers/contract/load.ts";
import { CONTAINER_CHECKS, IMAGE_CHECKS } from "../../helpers/docker/docker-checks.ts";
import { DockerStage } from "../../helpers/docker/docker-stage.ts";
import { detectEngine } from "../../helpers/docker/engine.ts";

async function main(): Promise<number> {
  const engine = await detectEngine();
  if (!engine.available) {
    console.error(engine.note);
    return 2;
  }
  const failed: string[] = [];
  let passed = 0;
  {
    await using stage = new DockerStage(loadContract(), engine.client);
    await stage.build();
    for (const check of IMAGE_CHECKS) {
      await Promise.resolve()
        .then(() => check.run(stage))
        .then(
          () => passed++,
          () => failed.push(check.name),
        );
    }
    await stage.start();
    for (const check of CONTAINER_CHECKS) {
      await Promise.resolve()
        .then(() => check.run(stage))
        .then(
          () => passed++,
          () => failed.push(check.name),
        );
    }
  }
  console.log(JSON.stringify({ passed, failed }));
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
