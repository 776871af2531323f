/**
 * The per-event-type verdicts of the alert smokes, from what the waits observed: the row is queryable within 5
 * minutes of its send (exactly one row: one test event per event_type per run; for APPROVAL_TIMEOUT the action the
 * 30/60 minute policy demands), and the type's alert rule fired exactly once.
 */

import type { AlertWait } from "./alert-wait.ts";
import { nameOfId } from "./arm-shape.ts";
import { AzureCheckError } from "./errors.ts";
import type { SentEvent } from "./event-sender.ts";
import { approvalTimeoutAction, type EventType } from "./event-types.ts";
import { type LogRow, QUERYABLE_WITHIN_MS, type QueryWait } from "./logs-query.ts";

export interface Queryable {
  row: LogRow;
  latencySeconds: number;
}

export function judgeQueryable(criterion: string, sent: SentEvent, wait: QueryWait, table: string): Queryable {
  const type = sent.type;
  const rows = wait.rows.filter((r) => r.EventType === type);
  const runId = String(sent.record.Detail.smoke_run_id);
  if (rows.length === 0) {
    throw new AzureCheckError("EVENT_NOT_QUERYABLE", criterion, [
      `no ${type} row with smoke_run_id ${runId} in ${table} within ${QUERYABLE_WITHIN_MS / 60_000} minutes of the send ` +
        `(${wait.polls.length} polls; last: ${wait.lastState})`,
    ]);
  }
  if (rows.length > 1) {
    throw new AzureCheckError("EVENT_DUPLICATE", criterion, [
      `${rows.length} ${type} rows with smoke_run_id ${runId} in ${table}: the runbook allows one test event per event_type per run`,
    ]);
  }
  const row = rows[0] as LogRow;
  const seen = wait.firstSeen[type] ?? sent.sentAt;
  const latencySeconds = Math.round((seen - sent.sentAt) / 100) / 10;
  if (seen - sent.sentAt > QUERYABLE_WITHIN_MS) {
    throw new AzureCheckError("EVENT_NOT_QUERYABLE", criterion, [
      `${type} became queryable after ${latencySeconds}s, later than 5 minutes`,
    ]);
  }
  if (type === "APPROVAL_TIMEOUT") {
    const pending = Number(row.Detail.pending_minutes);
    const expected = approvalTimeoutAction(pending);
    if (row.Detail.action !== expected) {
      throw new AzureCheckError("EVENT_NOT_QUERYABLE", criterion, [
        `APPROVAL_TIMEOUT row after ${pending} pending minutes says action ${JSON.stringify(row.Detail.action)}; the 30/60 minute policy says ${expected}`,
      ]);
    }
  }
  return { row, latencySeconds };
}

export interface FiredOnce {
  alertId: string;
  firedAfterSeconds: number;
}

export function judgeFiredOnce(
  criterion: string,
  type: EventType,
  ruleId: string,
  sent: SentEvent,
  wait: AlertWait,
  fireTimeoutMs: number,
): FiredOnce {
  const firings = wait.firings[type] ?? [];
  const rule = `alert rule ${nameOfId(ruleId)}`;
  if (firings.length === 0) {
    throw new AzureCheckError("ALERT_NOT_FIRED", criterion, [
      `${rule} did not fire for ${type} within ${fireTimeoutMs / 1000}s of the send (${wait.polls.length} polls)`,
    ]);
  }
  if (firings.length > 1) {
    const list = firings.map((a) => `${nameOfId(a.id)} at ${a.startDateTime}`).join(", ");
    throw new AzureCheckError("ALERT_FIRED_TWICE", criterion, [
      `${rule} fired ${firings.length} times for ${type} (${list}); the runbook expects exactly once`,
    ]);
  }
  const first = firings[0];
  return {
    alertId: first ? nameOfId(first.id) : "",
    firedAfterSeconds: Math.round(((wait.firstFired[type] ?? sent.sentAt) - sent.sentAt) / 100) / 10,
  };
}
