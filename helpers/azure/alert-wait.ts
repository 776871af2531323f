/**
 * "Matching Azure Monitor alert fires exactly once" (seed 001): poll each event type's alert rule (Alerts
 * Management, alerts of that rule in the last hour that started after the event was sent) until every rule fired
 * or ALERT_FIRE_TIMEOUT_SECONDS passed; then keep watching ALERT_SETTLE_SECONDS longer, so a second firing (a
 * stateless rule firing again on the same row, a duplicate event) is seen rather than missed. Every round is a poll
 * line; Transient failures are logged and polled again, a Permanent one (403 AuthorizationFailed) ends the wait.
 */
import type { Clock } from "../clock.ts";
import { type PollLine, PollTimeoutError, pollUntil } from "../poll.ts";
import { type AlertInstance, listAlerts } from "./alerts.ts";
import type { ArmClient } from "./arm-client.ts";
import { nameOfId } from "./arm-shape.ts";
import type { EventType } from "./event-types.ts";

/** Clock skew allowed between the smoke and Azure Monitor when matching firings to the send. */
export const FIRING_SKEW_MS = 60_000;

export interface AlertWatch {
  type: EventType;
  ruleId: string;
  sentAt: number;
}

export interface AlertWaitOptions {
  arm: ArmClient;
  subscriptionId: string;
  watches: ReadonlyArray<AlertWatch>;
  clock: Clock;
  intervalMs: number;
  fireTimeoutMs: number;
  settleMs: number;
  onPoll?: (line: PollLine) => void;
}

export interface AlertWait {
  /** The firings of each rule since its send, as last observed. */
  firings: Partial<Record<EventType, AlertInstance[]>>;
  /** When each rule was first seen firing, on the smoke's clock. */
  firstFired: Partial<Record<EventType, number>>;
  polls: PollLine[];
  /** How long the rules were watched after the last one fired (the settle window), in ms. */
  watchedAfterFiringMs: number;
}

type Counts = Partial<Record<EventType, AlertInstance[]>>;

function describeCounts(watches: ReadonlyArray<AlertWatch>, counts: Counts): string {
  return watches
    .map((w) => {
      const f = counts[w.type] ?? [];
      return `${w.type} (${nameOfId(w.ruleId)}): ${f.length} firing(s)${f.length ? ` [${f.map((a) => nameOfId(a.id)).join(", ")}]` : ""}`;
    })
    .join("; ");
}

export async function waitAlertsFiredOnce(o: AlertWaitOptions): Promise<AlertWait> {
  const polls: PollLine[] = [];
  const firstFired: Partial<Record<EventType, number>> = {};
  let latest: Counts = {};
  const onPoll = (line: PollLine) => {
    polls.push(line);
    o.onPoll?.(line);
  };
  const observe = async (watches: ReadonlyArray<AlertWatch>): Promise<Counts> => {
    const counts: Counts = { ...latest };
    for (const w of watches) {
      const alerts = await listAlerts(o.arm, o.subscriptionId, { alertRule: w.ruleId, timeRange: "1h" });
      counts[w.type] = alerts.filter((a) => Date.parse(a.startDateTime) >= w.sentAt - FIRING_SKEW_MS);
      if ((counts[w.type]?.length ?? 0) > 0) firstFired[w.type] ??= o.clock.now();
    }
    latest = counts;
    return counts;
  };

  try {
    await pollUntil({
      condition: `the alert rules of ${o.watches.map((w) => w.type).join(", ")} fire`,
      probe: () => observe(o.watches),
      done: (c) => o.watches.every((w) => (c[w.type]?.length ?? 0) >= 1),
      describe: (c) => describeCounts(o.watches, c),
      intervalMs: o.intervalMs,
      timeoutMs: o.fireTimeoutMs,
      clock: o.clock,
      onPoll,
    });
  } catch (error) {
    if (!(error instanceof PollTimeoutError)) throw error;
  }

  const fired = o.watches.filter((w) => (latest[w.type]?.length ?? 0) >= 1);
  const settleStart = o.clock.now();
  if (fired.length > 0 && fired.every((w) => (latest[w.type]?.length ?? 0) === 1)) {
    try {
      await pollUntil({
        condition: `no alert rule of ${fired.map((w) => w.type).join(", ")} fires a second time within ${o.settleMs / 1000}s`,
        probe: () => observe(fired),
        done: (c) => fired.some((w) => (c[w.type]?.length ?? 0) > 1),
        describe: (c) => describeCounts(fired, c),
        intervalMs: o.intervalMs,
        timeoutMs: o.settleMs,
        clock: o.clock,
        onPoll,
      });
    } catch (error) {
      if (!(error instanceof PollTimeoutError)) throw error;
    }
  }
  return { firings: latest, firstFired, polls, watchedAfterFiringMs: o.clock.now() - settleStart };
}
