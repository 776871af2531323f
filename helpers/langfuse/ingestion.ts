/**
 * LangFuse public API shapes the trace smoke uses:
 *   POST /api/public/ingestion  {"batch":[{id, timestamp, type:"trace-create", body:{id, name, timestamp, metadata}}]}
 *     → 207 Multi-Status {"successes":[{id, status:201}], "errors":[]}; per-event errors travel in `errors`, not as 4xx
 *   GET  /api/public/traces/{traceId} → 200 TraceWithFullDetails ({id, name, timestamp, observations, scores, …})
 * Seed 001 passes `ingest_http_code` 200/201/202; LangFuse's batch endpoint answers 207, so a 207 passes too when
 * our event is among `successes` and `errors` is empty (the report keeps the 207 as it came).
 */

export const INGEST_PASS_CODES: ReadonlyArray<number> = [200, 201, 202];

export function ingestionBatch(traceId: string, eventId: string, utc: string): string {
  return JSON.stringify({
    batch: [
      {
        id: eventId,
        timestamp: utc,
        type: "trace-create",
        body: {
          id: traceId,
          name: "smokebook-trace-persistence",
          timestamp: utc,
          metadata: { source: "smokebook", smoke: "trace-persistence" },
        },
      },
    ],
  });
}

export interface IngestVerdict {
  ok: boolean;
  detail: string;
}

export function ingestionVerdict(status: number, body: string, eventId: string): IngestVerdict {
  if (INGEST_PASS_CODES.includes(status)) return { ok: true, detail: `HTTP ${status}` };
  if (status !== 207) return { ok: false, detail: `HTTP ${status}: ${body.slice(0, 200)}` };
  let parsed: {
    successes?: Array<{ id?: string; status?: number }>;
    errors?: Array<{ id?: string; status?: number; message?: string }>;
  };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { ok: false, detail: "HTTP 207 with a body that is not JSON" };
  }
  const errors = parsed.errors ?? [];
  if (errors.length > 0) {
    const first = errors[0];
    return {
      ok: false,
      detail: `HTTP 207 with ${errors.length} error(s): ${first?.status ?? "?"} ${first?.message ?? ""}`.trim(),
    };
  }
  const ours = (parsed.successes ?? []).find((s) => s.id === eventId);
  if (!ours) return { ok: false, detail: `HTTP 207 without event ${eventId} among successes` };
  return { ok: true, detail: `HTTP 207, event ${eventId} status ${ours.status ?? "?"}` };
}
