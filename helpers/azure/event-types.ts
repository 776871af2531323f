/**
 * The alert event types of seed 001's Alert/Event smoke checklist, and the 30/60 minute approval-timeout policy:
 * an approval pending 30 minutes gets a reminder, one pending 60 minutes is escalated.
 */
export const EVENT_TYPES = ["TRIAGE_READY", "APPROVAL_TIMEOUT", "EXECUTION_FAILED"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const APPROVAL_REMINDER_MINUTES = 30;
export const APPROVAL_ESCALATION_MINUTES = 60;

export type ApprovalTimeoutAction = "none" | "reminder" | "escalation";

/** What the policy does with an approval pending `minutes`. */
export function approvalTimeoutAction(minutes: number): ApprovalTimeoutAction {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`pending minutes must be ≥ 0, got ${minutes}`);
  if (minutes >= APPROVAL_ESCALATION_MINUTES) return "escalation";
  if (minutes >= APPROVAL_REMINDER_MINUTES) return "reminder";
  return "none";
}

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as ReadonlyArray<string>).includes(value);
}
