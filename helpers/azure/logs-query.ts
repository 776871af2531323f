/**
 * "Corresponding custom log is queryable in Log Analytics within 5 minutes" (seed 001): one KQL query per poll
 * (@azure/monitor-query-logs) for the rows of this run (Detail.smoke_run_id), until every sent event type has its
 * row or 5 minutes after the first send have passed. Every poll is a poll line; a Transient failure (429, 5xx, a
 * partial result) is logged and polled again, a Permanent one (403 on the workspace, a bad query) ends the wait.
 */
import type { TokenCredential } from "@azure/identity";
import { LogsQueryClient, LogsQueryResultStatus } from "@azure/monitor-query-logs";
import type { Clock } from "../clock.ts";
import { type PollLine, PollTimeoutError, pollUntil } from "../poll.ts";
import { TransientRemoteError } from "../remote-errors.ts";
import { classifyAzureFailure } from "./errors.ts";
import { type EventType, isEventType } from "./event-types.ts";
import { secretRegistrationPolicy } from "./secret-shapes.ts";

/** The runbook's window: a sent event must be queryable within 5 minutes. */
export const QUERYABLE_WITHIN_MS = 5 * 60_000;

export interface LogRow {
  TimeGenerated: string;
  IngestedAt: string;
  EventType: EventType;
  Severity: string;
  Summary: string;
  Detail: Record<string, unknown>;
}

export interface QueryTarget {
  workspaceId: string;
  tableName: string;
}

export function logsQueryClient(credential: TokenCredential): LogsQueryClient {
  const client = new LogsQueryClient(credential, { retryOptions: { maxRetries: 0 } });
  client.pipeline.addPolicy(secretRegistrationPolicy(), { afterPhase: "Sign" });
  return client;
}

/** The KQL of the wait. The table and run id are checked: nothing but [A-Za-z0-9_-] reaches the query. */
export function runRowsQuery(table: string, runId: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(table))
    throw new RangeError(`LOG_ANALYTICS_TABLE_NAME ${JSON.stringify(table)} is not a table name`);
  if (!/^[A-Za-z0-9_-]+$/.test(runId))
    throw new RangeError(`run id ${JSON.stringify(runId)} has characters KQL would interpret`);
  return `${table} | where tostring(Detail.smoke_run_id) == "${runId}" | project TimeGenerated, IngestedAt = ingestion_time(), EventType, Severity, Summary, Detail | order by TimeGenerated asc`;
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

export async function queryRunRows(client: LogsQueryClient, target: QueryTarget, runId: string): Promise<LogRow[]> {
  const resource = `Log Analytics workspace ${target.workspaceId} table ${target.tableName}`;
  let result: Awaited<ReturnType<LogsQueryClient["queryWorkspace"]>>;
  try {
    result = await client.queryWorkspace(target.workspaceId, runRowsQuery(target.tableName, runId), {
      duration: "PT1H",
    });
  } catch (error) {
    throw classifyAzureFailure(error, `query ${resource}`, resource);
  }
  if (result.status !== LogsQueryResultStatus.Success) {
    throw new TransientRemoteError(
      `query ${resource}: partial result (${result.partialError?.message ?? "no error given"})`,
      {
        operation: `query ${resource}`,
      },
    );
  }
  const table = result.tables[0];
  if (!table) return [];
  const names = table.columnDescriptors.map((c) => c.name ?? "");
  return table.rows.flatMap((cells) => {
    const row = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
    if (!isEventType(row.EventType)) return [];
    return [
      {
        TimeGenerated: iso(row.TimeGenerated),
        IngestedAt: iso(row.IngestedAt),
        EventType: row.EventType,
        Severity: String(row.Severity),
        Summary: String(row.Summary),
        Detail: (row.Detail ?? {}) as Record<string, unknown>,
      },
    ];
  });
}

export interface QueryWait {
  rows: LogRow[];
  /** When each type's row was first seen, on the smoke's clock. */
  firstSeen: Partial<Record<EventType, number>>;
  polls: PollLine[];
  /** The wait ended at its deadline with a type still missing. */
  timedOut: boolean;
  lastState: string;
}

export interface QueryWaitOptions {
  client: LogsQueryClient;
  target: QueryTarget;
  runId: string;
  /** The event types sent, with when each was sent. */
  sent: ReadonlyArray<{ type: EventType; sentAt: number }>;
  clock: Clock;
  intervalMs: number;
  onPoll?: (line: PollLine) => void;
}

function describeRows(rows: ReadonlyArray<LogRow>, types: ReadonlyArray<EventType>): string {
  return types.map((t) => `${t}: ${rows.filter((r) => r.EventType === t).length} row(s)`).join(", ");
}

export async function waitQueryable(o: QueryWaitOptions): Promise<QueryWait> {
  const types = o.sent.map((s) => s.type);
  const firstSent = Math.min(...o.sent.map((s) => s.sentAt));
  const firstSeen: Partial<Record<EventType, number>> = {};
  const polls: PollLine[] = [];
  let rows: LogRow[] = [];
  const probe = async () => {
    rows = await queryRunRows(o.client, o.target, o.runId);
    for (const r of rows) firstSeen[r.EventType] ??= o.clock.now();
    return rows;
  };
  try {
    await pollUntil({
      condition: `the rows of ${types.join(", ")} are queryable in ${o.target.tableName} (smoke_run_id ${o.runId})`,
      probe,
      done: (seen) => types.every((t) => seen.some((r) => r.EventType === t)),
      describe: (seen) => describeRows(seen, types),
      intervalMs: o.intervalMs,
      timeoutMs: Math.max(1, firstSent + QUERYABLE_WITHIN_MS - o.clock.now()),
      clock: o.clock,
      onPoll: (line) => {
        polls.push(line);
        o.onPoll?.(line);
      },
    });
    return { rows, firstSeen, polls, timedOut: false, lastState: describeRows(rows, types) };
  } catch (error) {
    if (!(error instanceof PollTimeoutError)) throw error;
    return { rows, firstSeen, polls, timedOut: true, lastState: error.lastState };
  }
}
