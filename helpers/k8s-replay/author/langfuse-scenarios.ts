/**
 * The LangFuse scenarios (seed 001), as helpers/langfuse runs them: the UI smoke (GET / through a port-forward to a
 * pod behind service/langfuse-internal) and the trace persistence smoke (Secret keys, ingest, fetch, rollout
 * restart of deployment/langfuse, fetch again) — once healthy, once answering 503 after the restart.
 */
import type { Har } from "har-format";
import { ingestionBatch } from "../../langfuse/ingestion.ts";
import { rollout } from "./langfuse-rollout.ts";
import {
  COMMENT,
  EVENT_ID,
  json,
  listPods,
  NS,
  RESTARTED,
  readService,
  request,
  TRACE_ID,
  traceBody,
} from "./langfuse-steps.ts";
import { secret } from "./objects.ts";
import { RecordingBuilder } from "./recording-builder.ts";
import { Timeline } from "./timeline.ts";
import type { TunnelResponseInit } from "./upgrade-entries.ts";
import { LANGFUSE } from "./workload.ts";

/** `status` other than 200 writes a variant for self-tests (never a committed fixture). */
export function langfuseUi(status = 200): Har {
  const b = new RecordingBuilder(new Timeline("2026-02-24T16:52:52Z", 9_310_400));
  readService(b);
  const podName = listPods(b, LANGFUSE, "k2v9d", "2026-02-20T08:11:40Z");
  const html =
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>Langfuse</title></head><body><div id="__next"></div></body></html>';
  b.portForward(NS, podName, 3000, request("GET", "/"), {
    status,
    statusText: status === 200 ? "OK" : "Service Unavailable",
    headers: [
      { name: "content-type", value: "text/html; charset=utf-8" },
      { name: "set-cookie", value: "next-auth.csrf-token=[REDACTED]; Path=/; HttpOnly; SameSite=Lax" },
      { name: "x-powered-by", value: "Next.js" },
      { name: "date", value: b.timeline.now.toUTCString() },
    ],
    body: html,
  });
  return b.har(
    { scenario: "langfuse-ui", description: "GET / of the internal LangFuse answers 200", namespace: NS, ids: {} },
    COMMENT("langfuse-ui"),
  );
}

/**
 * Variants for self-tests (written to a temp dir, never committed): a Secret lacking a key, a refused ingest, a
 * trace that is never queryable before the restart (LangFuse keeps answering 404: its worker does not ingest).
 */
export interface TraceVariant {
  secretKeys?: string[];
  ingest?: TunnelResponseInit;
  neverQueryable?: boolean;
}

function traceRun(
  name: string,
  description: string,
  afterRestart: TunnelResponseInit[],
  variant: TraceVariant = {},
): Har {
  const b = new RecordingBuilder(new Timeline("2026-02-24T17:01:02Z", 9_402_100));
  const t = b.timeline;
  const ingestedAt = "2026-02-24T17:01:02.000Z";
  const meta = { scenario: name, description, namespace: NS, ids: { traceId: TRACE_ID, eventId: EVENT_ID } };
  const keys = variant.secretKeys ?? ["langfuse-public-key", "langfuse-secret-key"];
  b.get(
    `/api/v1/namespaces/${NS}/secrets/langfuse-secrets`,
    secret(NS, "langfuse-secrets", keys, t.nextResourceVersion()),
  );
  if (keys.length < 2) return b.har(meta, COMMENT(name));
  const oldCreated = "2026-02-20T08:11:40Z";
  readService(b);
  const before = listPods(b, LANGFUSE, "k2v9d", oldCreated);
  const ingest =
    variant.ingest ?? json(207, "Multi-Status", { successes: [{ id: EVENT_ID, status: 201 }], errors: [] }, t.now);
  b.portForward(
    NS,
    before,
    3000,
    request("POST", "/api/public/ingestion", ingestionBatch(TRACE_ID, EVENT_ID, ingestedAt)),
    ingest,
    140,
  );
  if (variant.ingest) return b.har(meta, COMMENT(name));

  const tracePath = `/api/public/traces/${TRACE_ID}`;
  readService(b);
  listPods(b, LANGFUSE, "k2v9d", oldCreated);
  b.portForward(
    NS,
    before,
    3000,
    request("GET", tracePath),
    json(
      404,
      "Not Found",
      { message: `Trace ${TRACE_ID} not found within authorized project`, error: "LangfuseNotFoundError" },
      t.now,
    ),
  );
  if (variant.neverQueryable) return b.har(meta, COMMENT(name));
  b.pause(5000);
  listPods(b, LANGFUSE, "k2v9d", oldCreated);
  b.portForward(NS, before, 3000, request("GET", tracePath), json(200, "OK", traceBody(ingestedAt), t.now));

  rollout(b);

  readService(b);
  const newCreated = t.iso(-30_000);
  const after = listPods(b, RESTARTED, "p4r7x", newCreated);
  afterRestart.forEach((response, i) => {
    if (i > 0) {
      b.pause(5000);
      listPods(b, RESTARTED, "p4r7x", newCreated);
    }
    b.portForward(NS, after, 3000, request("GET", tracePath), {
      ...response,
      headers: [...response.headers.filter((h) => h.name !== "date"), { name: "date", value: t.now.toUTCString() }],
    });
  });
  return b.har(meta, COMMENT(name));
}

export function langfuseTrace(variant: TraceVariant = {}): Har {
  const at = new Date("2026-02-24T17:02:00Z");
  return traceRun(
    "langfuse-trace",
    "the trace ingested before rollout restart deployment/langfuse is readable after it",
    [json(200, "OK", traceBody("2026-02-24T17:01:02.000Z"), at)],
    variant,
  );
}

/** LangFuse's answer to wrong keys, for the ingest variant. */
export function unauthorizedIngest(): TunnelResponseInit {
  return json(
    401,
    "Unauthorized",
    { message: "Invalid credentials. Confirm that you've configured the correct host." },
    new Date("2026-02-24T17:01:02Z"),
  );
}

export function langfuse503AfterRestart(): Har {
  const at = new Date("2026-02-24T17:02:00Z");
  const unavailable = json(
    503,
    "Service Unavailable",
    { message: "Service Unavailable", error: "database connection failed" },
    at,
  );
  return traceRun(
    "langfuse-503-after-restart",
    "after rollout restart the new LangFuse pod answers 503 to every trace fetch",
    [unavailable, unavailable, unavailable],
  );
}
