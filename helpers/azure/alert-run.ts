/**
 * One run of an alert smoke (the Alert/Event checklist or the real-send smoke): the guardrails, one test event per
 * event type through Logs Ingestion, the Log Analytics wait and the alert wait — each wait once for all types, so
 * three types take as long as one. The suites call one step per criterion; the waits are shared (memoised).
 */
import { resolveOperator } from "../evidence/header.ts";
import { uniqueRunId } from "../k8s-cluster/unique-id.ts";
import type { PollLine } from "../poll.ts";
import { activeIncidentAlerts, incidentDecision } from "./active-incidents.ts";
import { type FiredOnce, judgeFiredOnce, judgeQueryable, type Queryable } from "./alert-criteria.ts";
import { alertEvent, type EventContext } from "./alert-event.ts";
import { type AlertWait, waitAlertsFiredOnce } from "./alert-wait.ts";
import type { AzureSession } from "./azure-session.ts";
import { type AlertSettings, alertRuleFor } from "./azure-settings.ts";
import { AzureCheckError, AzurePrerequisiteError, needed } from "./errors.ts";
import { EventSender, ingestionClient, type SentEvent } from "./event-sender.ts";
import type { EventType } from "./event-types.ts";
import { logsQueryClient, type QueryWait, waitQueryable } from "./logs-query.ts";
import { type GuardrailDecision, sendWindowDecision } from "./send-window.ts";

export interface AlertRunOptions {
  smoke: EventContext["smoke"];
  types: ReadonlyArray<EventType>;
}

export class AlertRun {
  readonly runId: string;
  readonly operator: ReturnType<typeof resolveOperator>;
  readonly sender: EventSender;
  readonly #session: AzureSession<AlertSettings>;
  readonly #types: ReadonlyArray<EventType>;
  readonly #smoke: EventContext["smoke"];
  #blocked: string | undefined;
  #queryable: Promise<QueryWait> | undefined;
  #alerts: Promise<AlertWait> | undefined;

  constructor(session: AzureSession<AlertSettings>, options: AlertRunOptions) {
    this.#session = session;
    this.#types = options.types;
    this.#smoke = options.smoke;
    this.runId =
      session.mode === "replay"
        ? needed(session.ids.run_id, "the recording has no run id (log.comment.ids.run_id)")
        : `smokebook-${uniqueRunId(new Date(session.clock.now()))}`;
    session.noteIds({ run_id: this.runId });
    this.operator = resolveOperator(process.env);
    const s = session.settings;
    const target = { dcrEndpoint: s.dcrEndpoint, dcrImmutableId: s.dcrImmutableId, streamName: s.streamName };
    this.sender = new EventSender(ingestionClient(target, session.credential), target, {
      clock: session.clock,
      budgetMs: session.readTimeoutMs,
      onRetry: (line) => session.onPoll(line),
    });
  }

  /** Poll lines and retries not yet written to a check's evidence (the session's queue). */
  get pending(): PollLine[] {
    return this.#session.polls;
  }

  get settings(): AlertSettings {
    return this.#session.settings;
  }

  /** Set once a guardrail refused the run: the note every later step skips with. */
  get blocked(): string | undefined {
    return this.#blocked;
  }

  #decide(decision: GuardrailDecision): GuardrailDecision {
    if (!decision.allowed) this.#blocked ??= decision.note;
    return decision;
  }

  checkWindow(): GuardrailDecision {
    return this.#decide(sendWindowDecision(this.#session.clock.now(), this.settings.sendOverride));
  }

  async checkIncidents(): Promise<GuardrailDecision> {
    const active = await activeIncidentAlerts(this.#session.arm, this.settings.subscriptionId);
    return this.#decide(incidentDecision(active, this.settings.sendOverride));
  }

  event(type: EventType) {
    return alertEvent(type, {
      runId: this.runId,
      operator: this.operator.operator,
      smoke: this.#smoke,
      now: this.#session.clock.now(),
      approvalTimeoutMinutes: this.settings.approvalTimeoutMinutes,
    });
  }

  send(type: EventType, criterion: string): Promise<SentEvent> {
    if (this.#blocked) throw new AzurePrerequisiteError(this.#blocked);
    return this.sender.send(this.event(type), criterion);
  }

  #sent(type: EventType): SentEvent {
    return needed(
      this.sender.sent.find((s) => s.type === type),
      `${type} was not sent in this run (see its send check)`,
    );
  }

  queryable(): Promise<QueryWait> {
    this.#queryable ??= (async () => {
      const sent = this.sender.sent;
      if (sent.length === 0) throw new AzurePrerequisiteError("no event was sent in this run (see the send checks)");
      const s = this.settings;
      return waitQueryable({
        client: logsQueryClient(this.#session.credential),
        target: { workspaceId: s.workspaceId, tableName: s.tableName },
        runId: this.runId,
        sent,
        clock: this.#session.clock,
        intervalMs: s.queryPollMs,
        onPoll: (line) => this.#session.onPoll(line),
      });
    })();
    return this.#queryable;
  }

  async assertQueryable(type: EventType, criterion: string): Promise<Queryable> {
    const sent = this.#sent(type);
    return judgeQueryable(criterion, sent, await this.queryable(), this.settings.tableName);
  }

  alerts(): Promise<AlertWait> {
    this.#alerts ??= (async () => {
      const wait = await this.queryable();
      const s = this.settings;
      const watches = this.sender.sent
        .filter((e) => wait.rows.some((r) => r.EventType === e.type))
        .map((e) => ({ type: e.type, ruleId: alertRuleFor(s, e.type), sentAt: e.sentAt }));
      if (watches.length === 0)
        throw new AzurePrerequisiteError("no sent event became queryable, so no alert can fire");
      return waitAlertsFiredOnce({
        arm: this.#session.arm,
        subscriptionId: s.subscriptionId,
        watches,
        clock: this.#session.clock,
        intervalMs: s.alertPollMs,
        fireTimeoutMs: s.alertFireTimeoutMs,
        settleMs: s.alertSettleMs,
        onPoll: (line) => this.#session.onPoll(line),
      });
    })();
    return this.#alerts;
  }

  async assertFiredOnce(type: EventType, criterion: string): Promise<FiredOnce> {
    const sent = this.#sent(type);
    const wait = await this.alerts();
    if (!wait.firings[type] && !(await this.queryable()).rows.some((r) => r.EventType === type)) {
      throw new AzureCheckError("ALERT_NOT_FIRED", criterion, [
        `${type} never became queryable, so its alert rule could not fire`,
      ]);
    }
    const ruleId = alertRuleFor(this.settings, type);
    return judgeFiredOnce(criterion, type, ruleId, sent, wait, this.settings.alertFireTimeoutMs);
  }

  /** The guardrail as a live check: a second send of `type` in this run is refused before any request is made. */
  async assertDuplicateRefused(type: EventType, criterion: string): Promise<string> {
    this.#sent(type);
    try {
      await this.sender.send(this.event(type), criterion);
    } catch (error) {
      if (error instanceof AzureCheckError && error.code === "EVENT_DUPLICATE") return error.message;
      throw error;
    }
    throw new AzureCheckError("EVENT_DUPLICATE", criterion, [`a second ${type} event was sent in this run`]);
  }

  get types(): ReadonlyArray<EventType> {
    return this.#types;
  }
}
