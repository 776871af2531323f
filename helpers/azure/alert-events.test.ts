import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { alertEvent } from "./alert-event.ts";
import { EventSender } from "./event-sender.ts";
import { approvalTimeoutAction } from "./event-types.ts";
import { runRowsQuery } from "./logs-query.ts";

const context = {
  runId: "run-1",
  operator: "op@example.com",
  smoke: "alert-event" as const,
  now: Date.parse("2026-02-24T01:40:00Z"),
  approvalTimeoutMinutes: 60 as const,
};

describe("alert events (self-test)", { tags: ["self-test"] }, () => {
  it("the 30/60 minute approval policy: none below 30, reminder from 30, escalation from 60", () => {
    expect([0, 29, 30, 59, 60, 90].map(approvalTimeoutAction)).toEqual([
      "none",
      "none",
      "reminder",
      "reminder",
      "escalation",
      "escalation",
    ]);
    expect(() => approvalTimeoutAction(-1)).toThrow(/≥ 0/);
  });

  it("APPROVAL_TIMEOUT events carry the policy and the action it demands; 30 minutes gives a reminder", () => {
    expect(alertEvent("APPROVAL_TIMEOUT", context).Detail).toMatchObject({
      pending_minutes: 60,
      action: "escalation",
      approval_requested_utc: "2026-02-24T00:40:00.000Z",
      policy: { reminder_after_minutes: 30, escalate_after_minutes: 60 },
    });
    expect(alertEvent("APPROVAL_TIMEOUT", { ...context, approvalTimeoutMinutes: 30 }).Detail.action).toBe("reminder");
  });

  it("the real-send smoke's row is the runbook's emit_alert example (INFO, TRIAGE_READY, dev real-path smoke)", () => {
    expect(alertEvent("TRIAGE_READY", { ...context, smoke: "real-path" })).toEqual({
      TimeGenerated: "2026-02-24T01:40:00.000Z",
      Severity: "INFO",
      EventType: "TRIAGE_READY",
      Summary: "dev real-path smoke",
      Detail: { env: "dev", smoke: "real-path", operator: "op@example.com", smoke_run_id: "run-1" },
    });
  });

  it("one event per event_type per run: a second send of a type is refused before any upload", async () => {
    const uploads: unknown[] = [];
    const client = { upload: async (_dcr: string, _stream: string, logs: unknown[]) => void uploads.push(...logs) };
    const target = { dcrEndpoint: "https://dce.example", dcrImmutableId: "dcr-1", streamName: "Custom-X" };
    const sender = new EventSender(client, target, { clock: new VirtualClock(), budgetMs: 60_000 });
    await sender.send(alertEvent("TRIAGE_READY", context), "send");
    await expect(sender.send(alertEvent("TRIAGE_READY", context), "send again")).rejects.toThrow(
      "send again: TRIAGE_READY was already sent in this run (runbook guardrail: one test event per event_type per run); not sent again",
    );
    await sender.send(alertEvent("EXECUTION_FAILED", context), "send");
    expect(uploads).toHaveLength(2);
  });

  it("the query only takes a table name and a run id KQL cannot misread", () => {
    expect(runRowsQuery("AgentAlerts_CL", "smokebook-1")).toContain('tostring(Detail.smoke_run_id) == "smokebook-1"');
    expect(() => runRowsQuery("T | take 1", "x")).toThrow(/not a table name/);
    expect(() => runRowsQuery("T", 'x" or 1==1 //')).toThrow(/characters KQL would interpret/);
  });
});
