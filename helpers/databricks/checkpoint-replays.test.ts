/**
 * DEV-013 checkpoint smoke code against each recorded variant: pass.har meets Red and Green; each failure variant
 * fails the right criterion with the message saying which.
 */
import { describe, expect, it } from "vitest";
import { ReplayMismatchError } from "../replay/index.ts";
import { thrownError } from "../testing/thrown-error.ts";
import { callWithin } from "./api-call.ts";
import { assertGreenSuccess, assertRedFailure, checkpointKeyLines } from "./checkpoint-criteria.ts";
import { type CheckpointPhase, checkpointPath, runCheckpointPhase } from "./checkpoint-smoke.ts";
import { readDev013Config } from "./dev013-config.ts";
import { CriterionError } from "./errors.ts";
import { assertPathListable } from "./pragmatic-smoke.ts";
import { redGreenTable } from "./red-green-table.ts";
import { type DatabricksSession, openSession } from "./session.ts";
import { collectingObserver } from "./test-observer.ts";
import { ensureVolume, volumePath } from "./volumes.ts";

const config = readDev013Config({}, "replay");

function run(session: DatabricksSession, phase: CheckpointPhase) {
  return runCheckpointPhase(session, phase, config, { observer: collectingObserver() });
}

async function green(session: DatabricksSession) {
  const ensured = await ensureVolume(session.client, config.volume, callWithin(session.clock, 60_000));
  const listing = await assertPathListable(session, volumePath(config.volume), callWithin(session.clock, 60_000));
  return { ensured, listing, result: await run(session, "green") };
}

const criterionFailure = (check: () => unknown) => thrownError(CriterionError, check);

describe("DEV-013 checkpoint recorded variants", () => {
  it("pass.har: Red fails with Errno 5 on /dbfs; the volume exists and lists; Green succeeds; the table has both rows", async () => {
    const session = openSession("replay", "fixtures/dev013-checkpoint/pass.har");
    const red = await run(session, "red");
    const signal = assertRedFailure(red.run, red.outputs, config.checkpointDbfs);
    expect(signal).toMatchObject({ signals: ["/dbfs", "Errno 5"], taskKey: "red_dbfs_serverless" });
    expect(signal.line).toContain("Errno 5");
    const { ensured, listing, result } = await green(session);
    expect(ensured.outcome).toBe("existing");
    expect(listing.map((e) => e.name)).toEqual(["agent.db"]);
    assertGreenSuccess(result.run, result.outputs);
    await session.finish();

    const sent = session.replay?.observed
      .filter((o) => o.target === "/api/2.2/jobs/runs/submit")
      .map((o) => JSON.parse(o.body ?? "{}"));
    expect(sent?.map((b) => b.tasks[0].spark_python_task.parameters)).toEqual([
      ["--checkpoint-db-path", "/dbfs/mnt/agent-state/checkpoints/agent.db"],
      ["--checkpoint-db-path", "/Volumes/nsc_dbw_dev_7405610275478542/default/agent_state_checkpoints/agent.db"],
    ]);
    expect(sent?.map((b) => b.environments[0].spec)).toEqual([
      { environment_version: "2" },
      { environment_version: "2" },
    ]);

    const table = redGreenTable([
      {
        phase: "Red",
        path: checkpointPath("red", config),
        runId: red.runId,
        taskRunIds: red.taskRunIds,
        result: "INTERNAL_ERROR/FAILED: PASS",
        keyLines: checkpointKeyLines(red.outputs, "red"),
      },
      {
        phase: "Green",
        path: checkpointPath("green", config),
        runId: result.runId,
        taskRunIds: result.taskRunIds,
        result: "TERMINATED/SUCCESS: PASS",
        keyLines: checkpointKeyLines(result.outputs, "green"),
      },
    ]);
    expect(table.split("\n")[0]).toBe("| phase | path | run id | task run id | ended (UTC) | result | key log lines |");
    expect(table).toContain(
      "| Red | `/dbfs/mnt/agent-state/checkpoints/agent.db` | 508217344905126 | 873160558342907 | - | INTERNAL_ERROR/FAILED: PASS | `OSError: [Errno 5]",
    );
    expect(table).toContain(
      "| Green | `/Volumes/nsc_dbw_dev_7405610275478542/default/agent_state_checkpoints/agent.db` | 1098246173354702 | 411672590837461 |",
    );
  });

  it("red-unexpected-success.har: a Red run that succeeds fails the Red criterion saying so", {
    tags: ["self-test"],
  }, async () => {
    const session = openSession("replay", "fixtures/dev013-checkpoint/red-unexpected-success.har");
    const red = await run(session, "red");
    await session.finish();
    const failure = criterionFailure(() => assertRedFailure(red.run, red.outputs, config.checkpointDbfs));
    expect(failure.code).toBe("RED_UNEXPECTED_SUCCESS");
    expect(failure.message).toBe(
      "Red (/dbfs) run fails with the boundary signal: run 508217344905126 with --checkpoint-db-path /dbfs/mnt/agent-state/checkpoints/agent.db succeeded (TERMINATED/SUCCESS); the /dbfs failure no longer reproduces",
    );
  });

  it("red-no-signal.har: a Red failure without /dbfs or Errno 5 in error/error_trace/logs fails (metadata parameters do not count)", {
    tags: ["self-test"],
  }, async () => {
    const session = openSession("replay", "fixtures/dev013-checkpoint/red-no-signal.har");
    const red = await run(session, "red");
    await session.finish();
    expect(JSON.stringify(red.outputs[0]?.output.metadata)).toContain("/dbfs/mnt/agent-state");
    const failure = criterionFailure(() => assertRedFailure(red.run, red.outputs, config.checkpointDbfs));
    expect(failure.code).toBe("RED_NO_BOUNDARY_SIGNAL");
    expect(failure.message).toMatch(
      /^Red \(\/dbfs\) run fails with the boundary signal: run 508217344905126 failed \(FAILED\) but no task output carries "\/dbfs" or "Errno 5", so it failed for another reason; output: .*ModuleNotFoundError/,
    );
  });

  it("a Red run without result_state fails saying so", { tags: ["self-test"] }, () => {
    const failure = criterionFailure(() =>
      assertRedFailure({ run_id: 5, state: { life_cycle_state: "SKIPPED" } }, [], config.checkpointDbfs),
    );
    expect(failure.code).toBe("RED_NO_RESULT_STATE");
    expect(failure.message).toContain("run 5 ended SKIPPED/- with no result_state");
  });

  it("volume-missing.har: a missing volume (404) is created as MANAGED, recorded as created, then Green succeeds", async () => {
    const session = openSession("replay", "fixtures/dev013-checkpoint/volume-missing.har");
    const { ensured, listing, result } = await green(session);
    await session.finish();
    expect(ensured.outcome).toBe("created");
    expect(listing).toEqual([]);
    assertGreenSuccess(result.run, result.outputs);
    const create = session.replay?.observed.find(
      (o) => o.method === "POST" && o.target === "/api/2.1/unity-catalog/volumes",
    );
    expect(JSON.parse(create?.body ?? "{}")).toEqual({
      catalog_name: "nsc_dbw_dev_7405610275478542",
      schema_name: "default",
      name: "agent_state_checkpoints",
      volume_type: "MANAGED",
    });
  });

  it("green-output-error.har: Green SUCCESS with an error in the task output fails the Green criterion", {
    tags: ["self-test"],
  }, async () => {
    const session = openSession("replay", "fixtures/dev013-checkpoint/green-output-error.har");
    const { result } = await green(session);
    await session.finish();
    const failure = criterionFailure(() => assertGreenSuccess(result.run, result.outputs));
    expect(failure.code).toBe("TASK_OUTPUT_ERROR");
    expect(failure.message).toBe(
      'Green (/Volumes) run: get-run-output has no error field: task green_volumes_serverless (run 411672590837461) has error "sqlite3.OperationalError: database is locked"',
    );
  });
});

describe("DEV-013 replays compare the submitted payload with the recorded one", () => {
  it("self-test: a Red submitted with the /Volumes path fails, naming the differing parameter", {
    tags: ["self-test"],
  }, async () => {
    const session = openSession("replay", "fixtures/dev013-checkpoint/pass.har");
    const wrongRed = { ...config, checkpointDbfs: config.checkpointVolumes };
    const error = await runCheckpointPhase(session, "red", wrongRed, { observer: collectingObserver() }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain(
      'POST /api/2.2/jobs/runs/submit (body differs from recorded entry #0 tasks[0].spark_python_task.parameters[1]: sent "/Volumes/nsc_dbw_dev_7405610275478542/default/agent_state_checkpoints/agent.db", recorded "/dbfs/mnt/agent-state/checkpoints/agent.db") is not in recording fixtures/dev013-checkpoint/pass.har',
    );
    const mismatch = await session.finish().catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(ReplayMismatchError);
    expect((mismatch as ReplayMismatchError).unexpected[0]).toMatch(
      /^POST \/api\/2\.2\/jobs\/runs\/submit \(body differs/,
    );
  });
});

describe("DEV-013 pragmatic recorded variants", () => {
  it("volume-forbidden.har: a 403 listing fails the reachability check with the runbook's triage hint", {
    tags: ["self-test"],
  }, async () => {
    const session = openSession("replay", "fixtures/dev013-pragmatic/volume-forbidden.har");
    await session.client.currentUser.me();
    const error = await assertPathListable(session, volumePath(config.volume), callWithin(session.clock, 60_000)).catch(
      (e: unknown) => e,
    );
    await session.finish();
    expect(error).toBeInstanceOf(CriterionError);
    expect((error as CriterionError).code).toBe("VOLUME_NOT_LISTABLE");
    expect((error as Error).message).toMatch(
      /^UC volume path is listable through the Files API: \/Volumes\/nsc_dbw_dev_7405610275478542\/default\/agent_state_checkpoints is not listable \(.*HTTP 403 PERMISSION_DENIED.*User does not have READ VOLUME.*\); triage: permission/,
    );
  });
});
