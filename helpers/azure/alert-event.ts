/**
 * The test events the alert smokes inject, as rows of the DCR stream: the runbook's `emit_alert(severity,
 * event_type, summary, detail)` with TimeGenerated. Every detail carries env, smoke, operator and the run's
 * smoke_run_id, which is how the Log Analytics query finds exactly this run's rows. The stream must declare
 * TimeGenerated (datetime), Severity, EventType, Summary (string) and Detail (dynamic).
 */
import {
  APPROVAL_ESCALATION_MINUTES,
  APPROVAL_REMINDER_MINUTES,
  approvalTimeoutAction,
  type EventType,
} from "./event-types.ts";

export type Severity = "INFO" | "WARNING" | "ERROR";

/** A type alias, not an interface: the SDK's upload takes Record<string, unknown> rows. */
export type AlertEventRecord = {
  TimeGenerated: string;
  Severity: Severity;
  EventType: EventType;
  Summary: string;
  Detail: Record<string, unknown>;
};

export interface EventContext {
  runId: string;
  operator: string;
  /** Which smoke sends it: "alert-event" (the checklist) or "real-path" (the real-send smoke). */
  smoke: "alert-event" | "real-path";
  now: number;
  approvalTimeoutMinutes: 30 | 60;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function typeDetail(type: EventType, c: EventContext): Record<string, unknown> {
  switch (type) {
    case "TRIAGE_READY":
      return {};
    case "APPROVAL_TIMEOUT": {
      const pending = c.approvalTimeoutMinutes;
      return {
        approval_id: `smokebook-approval-${c.runId}`,
        approval_requested_utc: iso(c.now - pending * 60_000),
        pending_minutes: pending,
        policy: {
          reminder_after_minutes: APPROVAL_REMINDER_MINUTES,
          escalate_after_minutes: APPROVAL_ESCALATION_MINUTES,
        },
        action: approvalTimeoutAction(pending),
      };
    }
    case "EXECUTION_FAILED":
      return {
        execution_id: `smokebook-execution-${c.runId}`,
        status: "FAILED",
        error: "controlled failed execution injected by smokebook",
      };
  }
}

const SEVERITY: Record<EventType, Severity> = {
  TRIAGE_READY: "INFO",
  APPROVAL_TIMEOUT: "WARNING",
  EXECUTION_FAILED: "ERROR",
};

export function alertEvent(type: EventType, c: EventContext): AlertEventRecord {
  const summary = c.smoke === "real-path" ? "dev real-path smoke" : `dev alert/event smoke: ${type}`;
  return {
    TimeGenerated: iso(c.now),
    Severity: SEVERITY[type],
    EventType: type,
    Summary: summary,
    Detail: { env: "dev", smoke: c.smoke, operator: c.operator, smoke_run_id: c.runId, ...typeDetail(type, c) },
  };
}

/** Fields of an uploaded row that differ between a recording and its replay (time, who ran it). */
export const ALERT_EVENT_VOLATILE = [
  { path: "[].TimeGenerated" },
  { path: "[].Detail.operator" },
  { path: "[].Detail.approval_requested_utc" },
];
