import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { harLog, startReplay } from "../replay/index.ts";
import { replayWorkspaceClient } from "./client.ts";
import { ServerlessSpecError } from "./errors.ts";
import { buildServerlessSubmit, uniqueRunName, validateServerlessSubmit } from "./serverless-submit.ts";
import { submitRun } from "./submitted-run.ts";

const base = () =>
  buildServerlessSubmit({
    runName: "dev019_smoke_test_serverless-x",
    taskKey: "watchdog_smoke_serverless",
    environmentKey: "smoke_serverless",
    spec: { client: "1", dependencies: ["PyYAML==6.0.3"] },
    pythonFile: "/Users/u/smoke_dev019/smoke_wrapper.py",
    parameters: ["--target-pipelines", "pipeline_silver"],
  });

describe("buildServerlessSubmit", () => {
  it("builds the runbook's serverless shape", () => {
    expect(base()).toEqual({
      run_name: "dev019_smoke_test_serverless-x",
      tasks: [
        {
          task_key: "watchdog_smoke_serverless",
          environment_key: "smoke_serverless",
          spark_python_task: {
            python_file: "/Users/u/smoke_dev019/smoke_wrapper.py",
            source: "WORKSPACE",
            parameters: ["--target-pipelines", "pipeline_silver"],
          },
        },
      ],
      environments: [{ environment_key: "smoke_serverless", spec: { client: "1", dependencies: ["PyYAML==6.0.3"] } }],
    });
  });

  it("makes unique run names that fit an idempotency token", () => {
    const name = uniqueRunName("i-qva6-green-volumes-serverless", new Date("2026-02-25T10:12:45.123Z"), () => 0.5);
    expect(name).toMatch(/^i-qva6-green-volumes-serverless-20260225T101245Z-[0-9a-z]{4}$/);
    expect(name.length).toBeLessThanOrEqual(64);
  });
});

describe("validateServerlessSubmit rejects classic cluster fields, naming the field", () => {
  it.each([
    ["job_clusters", (p: Record<string, unknown>) => Object.assign(p, { job_clusters: [{ job_cluster_key: "c" }] })],
    ["new_cluster", (p: Record<string, unknown>) => Object.assign(p, { new_cluster: { spark_version: "15.4.x" } })],
    ["existing_cluster_id", (p: Record<string, unknown>) => Object.assign(p, { existing_cluster_id: "0225-abc" })],
    ["spark_conf", (p: Record<string, unknown>) => Object.assign(p, { spark_conf: { a: "b" } })],
    ["spark_env_vars", (p: Record<string, unknown>) => Object.assign(p, { spark_env_vars: { TARGET_PIPELINES: "x" } })],
    [
      "tasks[0].job_cluster_key",
      (p: Record<string, unknown>) => Object.assign((p.tasks as object[])[0] as object, { job_cluster_key: "c" }),
    ],
    [
      "tasks[0].new_cluster",
      (p: Record<string, unknown>) => Object.assign((p.tasks as object[])[0] as object, { new_cluster: {} }),
    ],
    [
      "tasks[0].existing_cluster_id",
      (p: Record<string, unknown>) => Object.assign((p.tasks as object[])[0] as object, { existing_cluster_id: "x" }),
    ],
    [
      "tasks[0].spark_conf",
      (p: Record<string, unknown>) => Object.assign((p.tasks as object[])[0] as object, { spark_conf: {} }),
    ],
    [
      "tasks[0].spark_env_vars",
      (p: Record<string, unknown>) => Object.assign((p.tasks as object[])[0] as object, { spark_env_vars: {} }),
    ],
    [
      "tasks[0].libraries",
      (p: Record<string, unknown>) =>
        Object.assign((p.tasks as object[])[0] as object, { libraries: [{ pypi: { package: "x" } }] }),
    ],
  ])("%s", { tags: ["self-test"] }, (field, corrupt) => {
    const payload = base() as unknown as Record<string, unknown>;
    corrupt(payload);
    let error: unknown;
    try {
      validateServerlessSubmit(payload);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ServerlessSpecError);
    expect((error as ServerlessSpecError).field).toBe(field);
    expect((error as Error).message).toMatch(
      new RegExp(`^serverless submit must not set ${field.replace(/[[\].]/g, "\\$&")}: `),
    );
  });

  it("rejects a task whose environment_key names no environment", { tags: ["self-test"] }, () => {
    const payload = base();
    payload.tasks = (payload.tasks ?? []).map((t) => ({ ...t, environment_key: "other" }));
    expect(() => validateServerlessSubmit(payload)).toThrow(
      'tasks[0].environment_key: must name one of environments[].environment_key (got "other")',
    );
  });

  it("rejects an environment without environment_version or client", { tags: ["self-test"] }, () => {
    const payload = base();
    payload.environments = [{ environment_key: "smoke_serverless", spec: { dependencies: [] } }];
    expect(() => validateServerlessSubmit(payload)).toThrow("environments[0].spec: needs environment_version");
  });

  it("validates before any request: submitRun sends nothing for a classic payload", {
    tags: ["self-test"],
  }, async () => {
    using replay = startReplay(harLog([]), { source: "empty.har" });
    const payload = { ...base(), job_clusters: [{ job_cluster_key: "c" }] };
    await expect(submitRun(replayWorkspaceClient(), payload, { clock: new VirtualClock() })).rejects.toThrow(
      "serverless submit must not set job_clusters",
    );
    expect(replay.observed).toEqual([]);
  });
});
