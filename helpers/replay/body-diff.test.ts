import { describe, expect, it } from "vitest";
import { bodyDifference, maskVolatile, type VolatileField } from "./body-diff.ts";
import { harEntry, harLog, REPLAY_ORIGIN, ReplayMismatchError, startReplay, UNRECORDED_ERROR_CODE } from "./index.ts";

const SUFFIX = /-\d{8}T\d{6}Z-[0-9a-z]{4}$/;
const VOLATILE: VolatileField[] = [
  { path: "run_name", pattern: SUFFIX },
  { path: "idempotency_token", pattern: SUFFIX },
];

const recorded = {
  run_name: "red-20260225T101200Z-q3m8",
  idempotency_token: "red-20260225T101200Z-q3m8",
  tasks: [{ task_key: "red", spark_python_task: { parameters: ["--checkpoint-db-path", "/dbfs/x/agent.db"] } }],
  environments: [{ environment_key: "e", spec: { client: "1", dependencies: ["PyYAML==6.0.3"] } }],
};
const text = (value: unknown) => JSON.stringify(value);
const sentWith = (patch: (body: typeof recorded) => void) => {
  const body = structuredClone(recorded);
  patch(body);
  return text(body);
};

describe("bodyDifference", () => {
  it("agrees when only the volatile parts differ (run name suffix, idempotency token suffix), whatever the key order", () => {
    const sent = {
      tasks: recorded.tasks,
      environments: recorded.environments,
      idempotency_token: "red-20260301T080000Z-zz01",
      run_name: "red-20260301T080000Z-zz01",
    };
    expect(bodyDifference(text(sent), text(recorded), VOLATILE)).toBeUndefined();
  });

  it("masks only the pattern: a different run name base is still a difference", { tags: ["self-test"] }, () => {
    const sent = sentWith((b) => {
      b.run_name = "green-20260225T101200Z-q3m8";
    });
    expect(bodyDifference(sent, text(recorded), VOLATILE)).toBe(
      'run_name: sent "green<volatile>", recorded "red<volatile>"',
    );
  });

  it.each([
    [
      "a changed array element",
      sentWith((b) => {
        (b.tasks[0] as { spark_python_task: { parameters: string[] } }).spark_python_task.parameters[1] =
          "/Volumes/c/s/v/agent.db";
      }),
      'tasks[0].spark_python_task.parameters[1]: sent "/Volumes/c/s/v/agent.db", recorded "/dbfs/x/agent.db"',
    ],
    [
      "a missing field",
      sentWith((b) => {
        const spec = b.environments[0]?.spec as { dependencies?: string[] } | undefined;
        if (spec) delete spec.dependencies;
      }),
      'environments[0].spec.dependencies: missing in the request (recorded ["PyYAML==6.0.3"])',
    ],
    [
      "an extra field",
      sentWith((b) => {
        Object.assign(b, { job_clusters: [] });
      }),
      "job_clusters: sent [], not in the recording",
    ],
    ["no body at all", undefined, "(body): the request has none"],
    ["a body that is not JSON", "run_name=x", "(body): not JSON"],
  ])("self-test: names %s", { tags: ["self-test"] }, (_what, sent, expected) => {
    expect(bodyDifference(sent, text(recorded), VOLATILE)).toBe(expected);
  });

  it("a field listed without a pattern is left out entirely; a recording without a JSON body is not compared", () => {
    const sent = sentWith((b) => {
      b.idempotency_token = "anything at all";
    });
    expect(bodyDifference(sent, text(recorded), [{ path: "idempotency_token" }, VOLATILE[0] as VolatileField])).toBe(
      undefined,
    );
    expect(bodyDifference('{"a":1}', undefined)).toBeUndefined();
    expect(bodyDifference('{"a":1}', "plain text")).toBeUndefined();
  });

  it("a redacted recorded value matches any sent string in its place", () => {
    expect(bodyDifference('{"token":"dapi-live-1"}', '{"token":"[REDACTED]"}')).toBeUndefined();
    expect(bodyDifference('{"note":"Bearer x1"}', '{"note":"Bearer [REDACTED]"}')).toBeUndefined();
    expect(bodyDifference('{"note":"Basic x1"}', '{"note":"Bearer [REDACTED]"}')).toBe(
      'note: sent "Basic x1", recorded "Bearer [REDACTED]"',
    );
  });

  it("[] in a path stands for every array element", () => {
    const masked = maskVolatile({ tasks: [{ task_key: "a" }, { task_key: "b" }] }, [{ path: "tasks[].task_key" }]);
    expect(masked).toEqual({ tasks: [{ task_key: "<volatile>" }, { task_key: "<volatile>" }] });
  });
});

describe("replay compares JSON request bodies", () => {
  const submit = harEntry({
    started: "2026-02-25T10:12:00Z",
    method: "POST",
    url: "https://workspace.example/api/2.2/jobs/runs/submit",
    requestBody: { mimeType: "application/json", text: text(recorded) },
    status: 200,
    mimeType: "application/json",
    text: '{"run_id":1}',
  });

  it("serves the entry when the body matches except for volatile fields", async () => {
    using replay = startReplay(harLog([submit]), { source: "submit.har", volatile: VOLATILE });
    const sent = sentWith((b) => {
      b.run_name = "red-20260301T080000Z-zz01";
      b.idempotency_token = b.run_name;
    });
    const response = await fetch(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/submit`, { method: "POST", body: sent });
    expect(await response.json()).toEqual({ run_id: 1 });
    replay.assertComplete();
  });

  it("self-test: a differing body is a request the recording lacks, naming the field; the entry stays unused", {
    tags: ["self-test"],
  }, async () => {
    using replay = startReplay(harLog([submit]), { source: "submit.har", volatile: VOLATILE });
    const sent = sentWith((b) => {
      (b.tasks[0] as { spark_python_task: { parameters: string[] } }).spark_python_task.parameters[1] = "/Volumes/v";
    });
    const response = await fetch(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/submit`, { method: "POST", body: sent });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error_code: string; message: string };
    expect(body.error_code).toBe(UNRECORDED_ERROR_CODE);
    expect(body.message).toBe(
      'smokebook replay: POST /api/2.2/jobs/runs/submit (body differs from recorded entry #0 tasks[0].spark_python_task.parameters[1]: sent "/Volumes/v", recorded "/dbfs/x/agent.db") is not in recording submit.har (next unused: POST /api/2.2/jobs/runs/submit)',
    );
    const error = (() => {
      try {
        replay.assertComplete();
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ReplayMismatchError);
    expect((error as ReplayMismatchError).unexpected).toEqual([
      'POST /api/2.2/jobs/runs/submit (body differs from recorded entry #0 tasks[0].spark_python_task.parameters[1]: sent "/Volumes/v", recorded "/dbfs/x/agent.db")',
    ]);
    expect((error as ReplayMismatchError).unused).toEqual(["POST /api/2.2/jobs/runs/submit"]);
  });

  it("self-test: without the volatile list a new run name suffix is a difference", {
    tags: ["self-test"],
  }, async () => {
    using replay = startReplay(harLog([submit]), { source: "submit.har" });
    const sent = sentWith((b) => {
      b.run_name = "red-20260301T080000Z-zz01";
    });
    const response = await fetch(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/submit`, { method: "POST", body: sent });
    expect(response.status).toBe(400);
    expect(replay.ledger.unexpected()[0]).toContain(
      'run_name: sent "red-20260301T080000Z-zz01", recorded "red-20260225T101200Z-q3m8"',
    );
  });
});
