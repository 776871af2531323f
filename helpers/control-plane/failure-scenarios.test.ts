import { describe, expect, it } from "vitest";
import { kustomizeBuild } from "../k8s/kustomize.ts";
import { fromRoot } from "../paths.ts";
import {
  ABSENT_REGISTRY_IMAGE,
  brokenCopy,
  EXITING_START_COMMAND,
  FAILURE_SCENARIOS,
  UNPROVIDED_STORAGE_CLASS,
} from "./failure-scenarios.ts";

const render = () => kustomizeBuild(fromRoot("fixtures/target/k8s/overlays/production"));
type Pod = {
  securityContext: Record<string, unknown>;
  containers: Array<Record<string, unknown>>;
  volumes: Array<Record<string, unknown>>;
};
const podOf = (objects: Awaited<ReturnType<typeof render>>) =>
  (objects.find((o) => o.kind === "Deployment")?.spec as { template: { spec: Pod } } | undefined)?.template.spec as Pod;
const claimOf = (objects: Awaited<ReturnType<typeof render>>) =>
  objects.find((o) => o.kind === "PersistentVolumeClaim")?.spec as { storageClassName: string };

describe("broken copies of the target's manifests (seed 004 §6.1 step 4)", () => {
  it("each scenario breaks exactly what it says, in a copy: the rendered manifests stay as they are", async () => {
    const objects = await render();
    const before = structuredClone(objects);
    expect(claimOf(brokenCopy(objects, FAILURE_SCENARIOS["pvc-pending"])).storageClassName).toBe(
      UNPROVIDED_STORAGE_CLASS,
    );
    expect(podOf(brokenCopy(objects, FAILURE_SCENARIOS["image-pull-backoff"])).containers[0]?.image).toBe(
      ABSENT_REGISTRY_IMAGE,
    );
    expect(podOf(brokenCopy(objects, FAILURE_SCENARIOS.crashloop)).containers[0]?.command).toEqual(
      EXITING_START_COMMAND,
    );
    const noFsGroup = podOf(brokenCopy(objects, FAILURE_SCENARIOS["permission-denied"])).securityContext;
    expect(noFsGroup).toMatchObject({ runAsUser: 1000 });
    expect(noFsGroup).not.toHaveProperty("fsGroup");
    expect(podOf(brokenCopy(objects, FAILURE_SCENARIOS["marker-lost"])).volumes).toEqual([
      { name: "runtime", emptyDir: {} },
    ]);
    expect(brokenCopy(objects, FAILURE_SCENARIOS.healthy)).toEqual(before);
    expect(objects).toEqual(before);
  });

  it("only pvc-pending goes without the storage cluster:up provides; only the healthy ones wait for a rollout", () => {
    const all = Object.values(FAILURE_SCENARIOS);
    expect(all.filter((s) => !s.provideStorage).map((s) => s.name)).toEqual(["pvc-pending"]);
    expect(all.filter((s) => s.rollsOut).map((s) => s.name)).toEqual(["healthy", "marker-lost"]);
  });
});
