/**
 * Self-tests of the alert smokes against their recordings (fixtures/azure/alert-events/*.har): every failure variant
 * fails its own criterion naming the resource and the cause (Permanent/Transient as for Databricks), and every
 * replay makes exactly the recorded requests (finish() checks none is missing or extra).
 */
import { describe, expect, it } from "vitest";
import type { VirtualClock } from "../clock.ts";
import { openAlertSmoke } from "./alert-session.ts";
import { EVENT_TYPES, type EventType } from "./event-types.ts";

type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

async function attempt(fn: () => Promise<unknown> | unknown): Promise<Outcome> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

async function replayAlerts(recording: string, types: ReadonlyArray<EventType> = EVENT_TYPES) {
  const { session, steps } = openAlertSmoke("replay", `fixtures/azure/alert-events/${recording}`, "self-test", {
    smoke: "alert-event",
    types,
  });
  const run = steps.run;
  const result: Record<string, Outcome> = {};
  try {
    result.window = await attempt(() => run.checkWindow());
    result.incidents = await attempt(() => run.checkIncidents());
    for (const t of types) result[`send ${t}`] = await attempt(() => run.send(t, `send ${t}`));
    for (const t of types) result[`query ${t}`] = await attempt(() => run.assertQueryable(t, `query ${t}`));
    for (const t of types) result[`alert ${t}`] = await attempt(() => run.assertFiredOnce(t, `alert ${t}`));
    await session.finish();
  } finally {
    session.close();
  }
  const message = (key: string) => {
    const o = result[key];
    return o && !o.ok ? o.error.message : undefined;
  };
  return { result, message, run, clock: session.clock as VirtualClock };
}

const ok = (o: Outcome | undefined) => o?.ok === true;

describe("alert/event smoke against recordings (self-test)", { tags: ["azure", "replay", "self-test"] }, () => {
  it("pass: three events sent, queryable within 5 minutes, each alert fired exactly once; APPROVAL_TIMEOUT escalates", async () => {
    const { result, run } = await replayAlerts("pass.har");
    for (const [key, outcome] of Object.entries(result))
      expect(outcome.ok, `${key}: ${JSON.stringify(outcome)}`).toBe(true);
    const approval = result["query APPROVAL_TIMEOUT"] as { value: { row: { Detail: Record<string, unknown> } } };
    expect(approval.value.row.Detail).toMatchObject({ pending_minutes: 60, action: "escalation" });
    expect(run.pending.some((l) => l.state.includes("TRIAGE_READY: 1 row(s)"))).toBe(true);
    expect(run.pending.some((l) => /no alert rule .* fires a second time within 300s/.test(l.condition))).toBe(true);
  });

  it("an alert that fires twice fails TRIAGE_READY's 'exactly once', naming the rule and both alerts", async () => {
    const { result, message } = await replayAlerts("alert-fires-twice.har");
    expect(message("alert TRIAGE_READY")).toMatch(
      /^alert TRIAGE_READY: alert rule alert-agent-triage-ready-dev fired 2 times for TRIAGE_READY \([0-9a-f-]+ at 2026-02-24T\S+, [0-9a-f-]+ at 2026-02-24T\S+\); the runbook expects exactly once$/,
    );
    expect(ok(result["alert APPROVAL_TIMEOUT"]) && ok(result["alert EXECUTION_FAILED"])).toBe(true);
  });

  it("an alert that never fires fails after ALERT_FIRE_TIMEOUT_SECONDS, naming the rule", async () => {
    const { result, message } = await replayAlerts("alert-not-fired.har");
    expect(message("alert EXECUTION_FAILED")).toMatch(
      /alert rule alert-agent-execution-failed-dev did not fire for EXECUTION_FAILED within 900s of the send \(\d+ polls\)/,
    );
    expect(ok(result["alert TRIAGE_READY"])).toBe(true);
  });

  it("an ingestion 403 is Permanent: every send fails naming the DCR and stream, nothing is polled", async () => {
    const { message } = await replayAlerts("ingestion-403.har");
    expect(message("send TRIAGE_READY")).toMatch(
      /^send TRIAGE_READY event to DCR dcr-7f3a\w+ stream Custom-AgentAlerts_CL \(https:\/\/nsc-dce-ai-agent-dev-x7k2\.koreacentral-1\.ingest\.monitor\.azure\.com\) failed \(Permanent, HTTP 403 OperationFailed\): The authentication token provided does not have access to ingest data/,
    );
    expect(message("query TRIAGE_READY")).toBe("TRIAGE_READY was not sent in this run (see its send check)");
  });

  it("a 429 with Retry-After is Transient: the upload waits exactly Retry-After, then succeeds once", async () => {
    const { result, run } = await replayAlerts("ingestion-429.har");
    expect(result["send TRIAGE_READY"]).toMatchObject({ ok: true, value: { attempts: 2 } });
    const retry = run.pending.find((l) => l.state.includes("HTTP 429"));
    expect(retry?.state).toMatch(/failed \(Transient, HTTP 429 TooManyRequests; Retry-After 7s\).* — retrying in 7s$/);
    expect(ok(result["alert TRIAGE_READY"])).toBe(true);
  });

  it("an ingestion 503 is Transient and not retried (a retry could duplicate the event); the other types go on", async () => {
    const { result, message } = await replayAlerts("ingestion-503.har");
    expect(message("send EXECUTION_FAILED")).toMatch(
      /failed \(Transient, HTTP 503 ServiceUnavailable\): The service is unavailable\. — not retried: the event may have been ingested/,
    );
    expect(ok(result["alert TRIAGE_READY"]) && ok(result["alert APPROVAL_TIMEOUT"])).toBe(true);
    expect(message("alert EXECUTION_FAILED")).toBe("EXECUTION_FAILED was not sent in this run (see its send check)");
  });

  it("rows that never appear fail 'queryable within 5 minutes' after 21 polls, and no alert is awaited", async () => {
    const { message, clock } = await replayAlerts("not-queryable.har");
    expect(message("query APPROVAL_TIMEOUT")).toMatch(
      /^query APPROVAL_TIMEOUT: no APPROVAL_TIMEOUT row with smoke_run_id smokebook-20260224T014000Z-9a8b7c in AgentAlerts_CL within 5 minutes of the send \(21 polls; last: TRIAGE_READY: 0 row\(s\)/,
    );
    expect(message("alert TRIAGE_READY")).toBe("no sent event became queryable, so no alert can fire");
    expect(clock.slept).toBe(300_000);
  });

  it("an active Sev1 incident blocks the sends with a note naming it; nothing is sent", async () => {
    const { result, message, run } = await replayAlerts("incident-active.har");
    expect(result.incidents).toMatchObject({ ok: true, value: { allowed: false } });
    expect(run.blocked).toMatch(
      /^not sent: active incident alert\(s\) alert-agent-api-5xx-prod \(Sev1, Acknowledged, since 2026-02-24T01:05:00Z\)/,
    );
    expect(message("send TRIAGE_READY")).toBe(run.blocked);
  });
});
