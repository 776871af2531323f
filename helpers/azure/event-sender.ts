/**
 * Sends the alert smokes' test events through the Logs Ingestion API (@azure/monitor-ingestion), with the
 * runbook's guardrail "one test event per event_type per run" enforced: a second send of a type in the same run is
 * refused before anything is sent. A 429 is retried after its Retry-After (the service took nothing); any other
 * failure is not retried — after a 5xx the event may have been ingested, and a retry would be the duplicate the
 * guardrail forbids. Uploads go uncompressed (the SDK gzips by default) so a recording keeps the JSON row that was
 * sent, replays compare it, and redaction can read it.
 */
import type { TokenCredential } from "@azure/identity";
import { LogsIngestionClient } from "@azure/monitor-ingestion";
import type { Clock } from "../clock.ts";
import type { PollLine } from "../poll.ts";
import type { AlertEventRecord } from "./alert-event.ts";
import { AzureCheckError, AzureRemoteError, classifyAzureFailure } from "./errors.ts";
import type { EventType } from "./event-types.ts";
import { secretRegistrationPolicy } from "./secret-shapes.ts";

export interface IngestionTarget {
  dcrEndpoint: string;
  dcrImmutableId: string;
  streamName: string;
}

export interface SentEvent {
  type: EventType;
  record: AlertEventRecord;
  /** When the upload was accepted (204), on the smoke's clock. */
  sentAt: number;
  attempts: number;
}

const GZIP_POLICY = "GzippingPolicy";

/** A LogsIngestionClient that never retries by itself and uploads plain JSON. */
export function ingestionClient(target: IngestionTarget, credential: TokenCredential): LogsIngestionClient {
  const client = new LogsIngestionClient(target.dcrEndpoint, credential, { retryOptions: { maxRetries: 0 } });
  const removed = client.pipeline.removePolicy({ name: GZIP_POLICY });
  if (removed.length !== 1) throw new Error(`@azure/monitor-ingestion no longer has its ${GZIP_POLICY}`);
  client.pipeline.addPolicy({
    name: "smokebookPlainJsonUpload",
    sendRequest: (request, next) => {
      request.headers.delete("content-encoding");
      return next(request);
    },
  });
  client.pipeline.addPolicy(secretRegistrationPolicy(), { afterPhase: "Sign" });
  return client;
}

export function ingestionResource(target: IngestionTarget): string {
  return `DCR ${target.dcrImmutableId} stream ${target.streamName} (${target.dcrEndpoint})`;
}

function firstCause(error: unknown): unknown {
  const errors = (error as { errors?: Array<{ cause?: unknown }> } | undefined)?.errors;
  return Array.isArray(errors) && errors[0]?.cause !== undefined ? errors[0].cause : error;
}

export class EventSender {
  readonly #client: Pick<LogsIngestionClient, "upload">;
  readonly #target: IngestionTarget;
  readonly #clock: Clock;
  readonly #budgetMs: number;
  readonly #onRetry: ((line: PollLine) => void) | undefined;
  readonly #sent = new Map<EventType, SentEvent | "sending">();

  constructor(
    client: Pick<LogsIngestionClient, "upload">,
    target: IngestionTarget,
    options: { clock: Clock; budgetMs: number; onRetry?: (line: PollLine) => void },
  ) {
    this.#client = client;
    this.#target = target;
    this.#clock = options.clock;
    this.#budgetMs = options.budgetMs;
    this.#onRetry = options.onRetry;
  }

  /** The events this run sent, in send order. */
  get sent(): SentEvent[] {
    return [...this.#sent.values()].filter((s): s is SentEvent => s !== "sending");
  }

  async send(record: AlertEventRecord, criterion: string): Promise<SentEvent> {
    const type = record.EventType;
    if (this.#sent.has(type)) {
      throw new AzureCheckError("EVENT_DUPLICATE", criterion, [
        `${type} was already sent in this run (runbook guardrail: one test event per event_type per run); not sent again`,
      ]);
    }
    this.#sent.set(type, "sending");
    const resource = ingestionResource(this.#target);
    const operation = `send ${type} event to ${resource}`;
    const started = this.#clock.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#client.upload(this.#target.dcrImmutableId, this.#target.streamName, [record]);
        const sent: SentEvent = { type, record, sentAt: this.#clock.now(), attempts: attempt };
        this.#sent.set(type, sent);
        return sent;
      } catch (error) {
        const failure = classifyAzureFailure(firstCause(error), operation, resource, this.#clock.now());
        const waitMs = failure.retryAfterMs ?? 1000 * 2 ** (attempt - 1);
        if (failure.status === 429 && this.#clock.now() + waitMs <= started + this.#budgetMs) {
          this.#onRetry?.({
            utc: new Date(this.#clock.now()).toISOString(),
            attempt,
            elapsedSeconds: Math.round((this.#clock.now() - started) / 100) / 10,
            state: `${failure.message} — retrying in ${Math.round(waitMs / 100) / 10}s`,
            condition: operation,
          });
          await this.#clock.sleep(waitMs);
          continue;
        }
        throw failure.kind === "Transient" && failure.status !== 429
          ? new AzureRemoteError(
              "Transient",
              `${failure.message} — not retried: the event may have been ingested, and a second one would break the one-event-per-event_type guardrail; re-run the smoke`,
              resource,
              { operation, status: failure.status, apiErrorCode: failure.apiErrorCode, cause: failure },
            )
          : failure;
      }
    }
  }
}
