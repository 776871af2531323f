import type { ContainerRuntimeClient } from "testcontainers";
import { describe, expect, it } from "vitest";
import { CheckNotApplicableError } from "../contract/errors.ts";
import { TargetCopy } from "../contract/target-copy.ts";
import { checkEnvOverride } from "./container-checks.ts";
import { DockerStage } from "./docker-stage.ts";

// Nothing reaches an engine: the check decides before it runs anything in a container.
const noEngine = {} as ContainerRuntimeClient;

describe("checkEnvOverride", () => {
  it("is not a silent pass when the contract has nothing to override with -e", { tags: ["self-test"] }, async () => {
    await using copy = new TargetCopy(undefined, "no-override");
    copy.replace("contract.yaml", /, values: \[debug, info, warn, error\]/, "");
    const stage = new DockerStage(copy.load(), noEngine);
    expect(stage.override).toBeUndefined();
    const error = await Promise.resolve()
      .then(() => checkEnvOverride(stage))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckNotApplicableError);
    expect((error as Error).message).toMatch(
      /^not checked: no configmap variable of .*\/contract\.yaml declares values \(env\[\]\.values\) other than its default/,
    );
  });
});
