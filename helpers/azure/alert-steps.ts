/**
 * The alert smokes' checks as steps the suites call, each writing its evidence (ids, the JSON row sent, the poll
 * lines of the waits) and keeping its verdict for the closing summary table. A guardrail that refuses the run skips
 * the guardrail check and every later check with the guardrail's note — also under SMOKEBOOK_STRICT=1: not sending
 * outside the window or during an incident is the runbook's policy working, not a missing prerequisite.
 */
import type { TestContext } from "vitest";
import { recordEvidence, recordIds, recordJson, recordPoll, recordSection } from "../evidence/record.ts";
import type { AlertRun } from "./alert-run.ts";
import { AzureCheckError } from "./errors.ts";
import type { EventType } from "./event-types.ts";
import type { GuardrailDecision } from "./send-window.ts";

type Ctx = Pick<TestContext, "annotate" | "skip">;
type Stage = "sent" | "queryable" | "fired once";

export const STEP_TITLES = {
  window: "guardrail: weekday 09:00-18:00 KST send window (ALERTING_SEND_OVERRIDE: an incident commander's request)",
  incidents: "guardrail: no active incident (Fired Sev0/Sev1 alerts), unless ALERTING_SEND_OVERRIDE",
  operator: "guardrail: the run's operator is recorded (in each event's detail and the evidence)",
  duplicate: (t: EventType) => `guardrail: one test event per event_type per run (a second ${t} is refused unsent)`,
  sent: (t: EventType) => `${t}: test event injected through the Logs Ingestion API (emit_alert returns)`,
  queryable: (t: EventType) => `${t}: custom log queryable in Log Analytics within 5 minutes`,
  fired: (t: EventType) => `${t}: matching Azure Monitor alert fired exactly once`,
};

export class AlertSteps {
  readonly run: AlertRun;
  readonly #verdicts = new Map<string, "PASS" | "FAIL">();
  readonly #facts = new Map<string, string>();

  constructor(run: AlertRun) {
    this.run = run;
  }

  async #flushPolls(ctx: Ctx): Promise<void> {
    for (const line of this.run.pending.splice(0)) await recordPoll(ctx, line);
  }

  #skipIfBlocked(ctx: Ctx): void {
    const note = this.run.blocked;
    if (note === undefined) return;
    void ctx.annotate(`skipped: ${note}`, "skip-note");
    ctx.skip(note);
  }

  async #stage<T>(ctx: Ctx, type: EventType, stage: Stage, body: () => Promise<T>): Promise<T> {
    this.#skipIfBlocked(ctx);
    try {
      const value = await body();
      this.#verdicts.set(`${type}/${stage}`, "PASS");
      return value;
    } catch (error) {
      this.#verdicts.set(`${type}/${stage}`, "FAIL");
      this.#facts.set(
        `${type}/${stage}`,
        error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
      );
      throw error;
    } finally {
      await this.#flushPolls(ctx);
    }
  }

  async #guard(ctx: Ctx, decision: GuardrailDecision): Promise<void> {
    await recordEvidence(ctx, "verdict-detail", { guardrail: decision.note, override: decision.override ?? null });
    if (decision.override) await recordIds(ctx, { override: decision.override });
    if (!decision.allowed) this.#skipIfBlocked(ctx);
  }

  async window(ctx: Ctx): Promise<void> {
    this.#skipIfBlocked(ctx);
    await this.#guard(ctx, this.run.checkWindow());
  }

  async incidents(ctx: Ctx): Promise<void> {
    this.#skipIfBlocked(ctx);
    await this.#guard(ctx, await this.run.checkIncidents());
  }

  async operator(ctx: Ctx): Promise<void> {
    this.#skipIfBlocked(ctx);
    const { operator, operator_source } = this.run.operator;
    await recordIds(ctx, { operator, operator_source });
    if (!operator || operator === "unknown") {
      throw new AzureCheckError("EVENT_NOT_SENT", STEP_TITLES.operator, [
        "no operator could be determined: set SMOKEBOOK_OPERATOR (or git user.email)",
      ]);
    }
  }

  send(ctx: Ctx, type: EventType): Promise<void> {
    return this.#stage(ctx, type, "sent", async () => {
      const sent = await this.run.send(type, STEP_TITLES.sent(type));
      await recordIds(ctx, { run_id: this.run.runId, event_type: type, attempts: sent.attempts });
      await recordJson(ctx, `${type} event row`, sent.record);
      this.#facts.set(`${type}/sent`, `sent ${new Date(sent.sentAt).toISOString()} (${sent.attempts} attempt(s))`);
    });
  }

  async duplicate(ctx: Ctx, type: EventType): Promise<void> {
    this.#skipIfBlocked(ctx);
    const refusal = await this.run.assertDuplicateRefused(type, STEP_TITLES.duplicate(type));
    await recordEvidence(ctx, "verdict-detail", { refused: refusal });
  }

  queryable(ctx: Ctx, type: EventType): Promise<void> {
    return this.#stage(ctx, type, "queryable", async () => {
      const q = await this.run.assertQueryable(type, STEP_TITLES.queryable(type));
      await recordIds(ctx, { run_id: this.run.runId, latency_s: q.latencySeconds });
      await recordJson(ctx, `${type} Log Analytics row`, q.row);
      this.#facts.set(`${type}/queryable`, `queryable after ${q.latencySeconds}s`);
    });
  }

  fired(ctx: Ctx, type: EventType): Promise<void> {
    return this.#stage(ctx, type, "fired once", async () => {
      const f = await this.run.assertFiredOnce(type, STEP_TITLES.fired(type));
      await recordIds(ctx, { alert_id: f.alertId, fired_after_s: f.firedAfterSeconds });
      this.#facts.set(`${type}/fired once`, `alert ${f.alertId} after ${f.firedAfterSeconds}s, no second firing`);
    });
  }

  /** The table for report.md; fails naming every event type whose checks did not all pass. */
  async summary(ctx: Ctx, title: string): Promise<void> {
    this.#skipIfBlocked(ctx);
    const stages: Stage[] = ["sent", "queryable", "fired once"];
    const rows = [
      "| event_type | sent | queryable ≤ 5 min | alert fired exactly once | action-group notification |",
      "| --- | --- | --- | --- | --- |",
    ];
    const problems: string[] = [];
    for (const type of this.run.types) {
      const cells = stages.map((st) => {
        const verdict = this.#verdicts.get(`${type}/${st}`) ?? "not run";
        if (verdict !== "PASS") problems.push(`${type} ${st}: ${verdict}`);
        const fact = this.#facts.get(`${type}/${st}`);
        return `${verdict}${fact ? ` — ${fact.replace(/\|/g, "\\|")}` : ""}`;
      });
      rows.push(`| ${type} | ${cells.join(" | ")} | manual evidence (on-call confirms delivery) |`);
    }
    await recordIds(ctx, { run_id: this.run.runId, operator: this.run.operator.operator });
    await recordSection(ctx, title, rows.join("\n"));
    if (problems.length > 0) throw new AzureCheckError("EVENT_NOT_SENT", title, problems);
  }
}
