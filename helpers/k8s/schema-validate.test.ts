import { describe, expect, it } from "vitest";
import type { K8sObject } from "./kustomize.ts";
import { loadSchemas, schemaFor, unvalidatedObjects, validateObjects } from "./schema-validate.ts";

const object = (apiVersion: string, kind: string, rest: Record<string, unknown> = {}): K8sObject => ({
  apiVersion,
  kind,
  metadata: { name: "observer", namespace: "observer-prod" },
  ...rest,
});

describe("schemaFor", () => {
  it.each([
    ["v1", "ConfigMap"],
    ["apps/v1", "StatefulSet"],
    ["networking.k8s.io/v1", "Ingress"],
    ["batch/v1", "CronJob"],
    ["autoscaling/v2", "HorizontalPodAutoscaler"],
    ["policy/v1", "PodDisruptionBudget"],
  ])("finds the built-in model of %s %s", async (apiVersion, kind) => {
    expect((await schemaFor(apiVersion, kind)).kind).toBe("model");
  });

  it("calls a kind of a group Kubernetes does not ship a CRD", async () => {
    expect(await schemaFor("bitnami.com/v1alpha1", "SealedSecret")).toEqual({
      kind: "crd",
      note: "not validated (CRD): bitnami.com is not a built-in API group",
    });
  });

  it("rejects an unknown kind or version of a built-in group, and names that are no type names", {
    tags: ["self-test"],
  }, async () => {
    expect(await schemaFor("apps/v1", "Deploymnet")).toMatchObject({
      kind: "unknown",
      problem: "no schema for apps/v1 Deploymnet: Deploymnet is not a kind of apps/v1",
    });
    expect(await schemaFor("apps/v9", "Deployment")).toMatchObject({
      problem: "no schema for apps/v9 Deployment: v9 is not a version of the built-in API group apps",
    });
    expect(await schemaFor("../../v1", "ConfigMap")).toMatchObject({ kind: "unknown" });
  });
});

describe("validateObjects", () => {
  it("validates built-in kinds and lists custom resources as not validated", { tags: ["self-test"] }, async () => {
    const objects = [
      object("v1", "ConfigMap", { data: { A: "1" } }),
      object("policy/v1", "PodDisruptionBudget", { spec: { minAvailable: [1] } }),
      object("bitnami.com/v1alpha1", "SealedSecret", { spec: { anything: true } }),
    ];
    const schemas = await loadSchemas(objects);
    expect(validateObjects(objects, schemas)).toEqual([
      { object: "PodDisruptionBudget/observer", problem: expect.stringMatching(/^spec\/minAvailable must be/) },
    ]);
    expect(unvalidatedObjects(objects, schemas)).toEqual(["SealedSecret/observer (bitnami.com/v1alpha1, CRD)"]);
  });
});
