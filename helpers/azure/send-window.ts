/**
 * The runbook's send-time guardrail (ADR-0024): real alert sends only on weekdays 09:00-18:00 KST, so on-call can
 * verify action-group delivery. KST is UTC+9 all year (no daylight saving). The check runs on the smoke's clock, so
 * self-tests and replays decide it on virtual time.
 */
export const SEND_WINDOW = "weekdays 09:00-18:00 KST";

const KST_OFFSET_MS = 9 * 3_600_000;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export interface KstTime {
  weekday: number;
  minutes: number;
  /** "Tue 2026-02-24 10:40 KST" */
  text: string;
}

export function kstTime(ms: number): KstTime {
  const kst = new Date(ms + KST_OFFSET_MS);
  const weekday = kst.getUTCDay();
  const hh = String(kst.getUTCHours()).padStart(2, "0");
  const mm = String(kst.getUTCMinutes()).padStart(2, "0");
  return {
    weekday,
    minutes: kst.getUTCHours() * 60 + kst.getUTCMinutes(),
    text: `${DAYS[weekday]} ${kst.toISOString().slice(0, 10)} ${hh}:${mm} KST`,
  };
}

/** True from 09:00 up to (not including) 18:00 KST, Monday to Friday. */
export function insideSendWindow(ms: number): boolean {
  const t = kstTime(ms);
  return t.weekday >= 1 && t.weekday <= 5 && t.minutes >= 9 * 60 && t.minutes < 18 * 60;
}

export interface GuardrailDecision {
  allowed: boolean;
  /** What was decided and why, for the evidence (and the skip note when not allowed). */
  note: string;
  /** The override that lifted a guardrail, when one did. */
  override?: string;
}

export function sendWindowDecision(ms: number, override: string | null): GuardrailDecision {
  const now = kstTime(ms).text;
  if (insideSendWindow(ms)) return { allowed: true, note: `${now} is inside the send window (${SEND_WINDOW})` };
  if (override) {
    return {
      allowed: true,
      note: `${now} is outside the send window (${SEND_WINDOW}); sent anyway on request: ALERTING_SEND_OVERRIDE=${override}`,
      override,
    };
  }
  return {
    allowed: false,
    note: `not sent: ${now} is outside the send window (${SEND_WINDOW}, runbook ADR-0024 guardrail); run it then, or set ALERTING_SEND_OVERRIDE to the incident commander's request`,
  };
}
