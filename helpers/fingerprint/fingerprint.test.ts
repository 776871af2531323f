import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { canonicalJson, fingerprintOf, identityOf, splitError } from "./fingerprint.ts";
import { loadIncidentInput } from "./incident-input.ts";
import { perturbVolatile, reorderKeys, withOtherErrorClass, withOtherPipeline } from "./variants.ts";

const dev = loadIncidentInput(fromRoot("fixtures/runtime_inputs/dev_incident_input.json"));
const staging = loadIncidentInput(fromRoot("fixtures/runtime_inputs/staging_incident_input.json"));

describe("splitError", () => {
  it.each([
    ["FreshnessGateError: window not covered", "FreshnessGateError", "window not covered"],
    ["common.rules.RuleIntegrityError: 2 current rules", "RuleIntegrityError", "2 current rules"],
    ["org.apache.spark.SparkException: Job aborted", "SparkException", "Job aborted"],
    ["Workload failed: see logs", "", "Workload failed: see logs"],
    ["no class here", "", "no class here"],
  ])("%j → class %j", (error, errorClass, message) => {
    expect(splitError(error)).toEqual({ errorClass, message });
  });
});

describe("fingerprintOf", () => {
  it("identifies the dev incident by pipeline, task, result state, class and masked message", () => {
    expect(identityOf(dev)).toEqual({
      v: 1,
      pipeline: "pipeline_b_controls",
      task_key: "pipeline_b_recon",
      result_state: "FAILED",
      error_class: "FreshnessGateError",
      error_message:
        "pipeline_silver.last_processed_end=<ts> does not cover target window end_ts=<ts> (run_mode=backfill, date_kst=<ts>, run_id=scheduled_b_<n>); failing closed per D-<n>",
    });
    expect(fingerprintOf(dev)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the sha256 of the canonical identity, independent of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(fingerprintOf(reorderKeys(dev))).toBe(fingerprintOf(dev));
  });

  it("does not change for a new occurrence of the same incident", () => {
    const again = perturbVolatile(dev);
    expect(again.run).not.toEqual(dev.run);
    expect(again.run_output.error).not.toBe(dev.run_output.error);
    expect(fingerprintOf(again)).toBe(fingerprintOf(dev));
    expect(fingerprintOf(perturbVolatile(staging))).toBe(fingerprintOf(staging));
  });

  it("changes with the error class, the pipeline, and between the dev and staging incidents", () => {
    const base = fingerprintOf(dev);
    expect(fingerprintOf(withOtherErrorClass(dev))).not.toBe(base);
    expect(fingerprintOf(withOtherPipeline(dev))).not.toBe(base);
    expect(fingerprintOf(staging)).not.toBe(base);
  });

  it("variants never mutate the input they are made from", () => {
    const before = JSON.stringify(dev);
    perturbVolatile(dev);
    withOtherErrorClass(dev);
    withOtherPipeline(dev);
    reorderKeys(dev);
    expect(JSON.stringify(dev)).toBe(before);
  });
});
