/**
 * fetchRunForTriage through the real SDK and transport against variations of the committed triage recording:
 * tasks[] split over two runs/get pages, a transient jobs/get failure retried on the virtual clock, and a run that
 * does not exist failing at once with its HTTP status and error code.
 */
import type { Entry, Har } from "har-format";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../clock.ts";
import { callWithin } from "../../databricks/api-call.ts";
import { replayWorkspaceClient } from "../../databricks/client.ts";
import { fromRoot } from "../../paths.ts";
import { PermanentRemoteError } from "../../remote-errors.ts";
import { type HarReplay, harEntry, harLog, loadHar, startReplay } from "../../replay/index.ts";
import { analyzeRun } from "./analyze-run.ts";
import { fetchRunForTriage } from "./fetch-run.ts";

const RECORDING = fromRoot("fixtures/pipelines-triage/b-supply-ops-retries-exhausted.har");
const RUN_ID = 512094877310245;

let replay: HarReplay | undefined;
afterEach(() => replay?.close());

function recorded(): Entry[] {
  return structuredClone(loadHar(RECORDING).log.entries);
}

function body(entry: Entry): Record<string, unknown> {
  return JSON.parse(entry.response.content.text ?? "{}") as Record<string, unknown>;
}

function withBody(entry: Entry, url: string, value: unknown, status = 200): Entry {
  return harEntry({
    started: entry.startedDateTime,
    method: "GET",
    url,
    status,
    mimeType: "application/json",
    text: JSON.stringify(value),
  });
}

async function fetchWith(har: Har) {
  replay = startReplay(har, { source: "fetch-run.test" });
  const clock = new VirtualClock(Date.parse("2026-02-11T16:05:00Z"));
  const fetched = await fetchRunForTriage(replayWorkspaceClient(), RUN_ID, callWithin(clock, 60_000));
  return { fetched, clock };
}

describe("fetchRunForTriage", () => {
  it("follows runs/get next_page_token until every task attempt is read", async () => {
    const [runGet, ...rest] = recorded();
    if (!runGet) throw new Error("empty recording");
    const run = body(runGet);
    const tasks = run.tasks as unknown[];
    const url = runGet.request.url;
    const first = withBody(runGet, url, {
      ...run,
      tasks: tasks.slice(0, 2),
      has_more: true,
      next_page_token: "CAEQAhgC",
    });
    const second = withBody(runGet, `${url}&page_token=CAEQAhgC`, { ...run, tasks: tasks.slice(2), has_more: false });
    const { fetched } = await fetchWith(harLog([first, second, ...rest]));
    expect(fetched.run.tasks?.length).toBe(tasks.length);
    expect(analyzeRun(fetched).failingTaskKeys).toEqual(["pipeline_b_supply_ops"]);
    replay?.assertComplete();
  });

  it("retries a 503 from jobs/get on the caller's clock, then uses the job's max_retries", async () => {
    const entries = recorded();
    const jobIndex = entries.findIndex((e) => e.request.url.includes("/api/2.2/jobs/get?"));
    const jobGet = entries[jobIndex] as Entry;
    const unavailable = withBody(
      jobGet,
      jobGet.request.url,
      { error_code: "TEMPORARILY_UNAVAILABLE", message: "The service is temporarily unavailable." },
      503,
    );
    entries.splice(jobIndex, 0, unavailable);
    const { fetched, clock } = await fetchWith(harLog(entries));
    expect(clock.slept).toBeGreaterThan(0);
    expect(fetched.jobNote).toBeUndefined();
    expect(analyzeRun(fetched).tasks.find((t) => t.taskKey === "pipeline_b_supply_ops")?.retrySource).toBe("jobs/get");
  });

  it("a run id that does not exist fails at once, naming the call, status and error code", async () => {
    const [runGet] = recorded();
    if (!runGet) throw new Error("empty recording");
    const missing = withBody(
      runGet,
      runGet.request.url,
      { error_code: "RESOURCE_DOES_NOT_EXIST", message: `Run ${RUN_ID} does not exist.` },
      400,
    );
    const attempt = fetchWith(harLog([missing]));
    await expect(attempt).rejects.toThrow(PermanentRemoteError);
    await expect(attempt).rejects.toThrow(
      `runs/get run_id=${RUN_ID} failed (Permanent, HTTP 400 RESOURCE_DOES_NOT_EXIST)`,
    );
  });
});
