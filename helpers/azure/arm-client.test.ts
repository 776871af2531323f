/**
 * The Azure SDKs' Node HTTP client goes through MSW in replay, as the Databricks SDK does: an ARM read, a Logs
 * Ingestion upload and a Log Analytics query, each answered from an in-memory recording (real https URLs, nothing
 * leaves the process). And ARM failures are classified once: 404 Permanent at once, 429 retried after Retry-After.
 */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { harEntry, harLog, startReplay } from "../replay/index.ts";
import { createArmClient } from "./arm-client.ts";
import { replayCredential } from "./credential.ts";
import { AzureRemoteError } from "./errors.ts";
import { ingestionClient } from "./event-sender.ts";
import { logsQueryClient, queryRunRows } from "./logs-query.ts";

const ARM =
  "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z?api-version=2024-06-01";
const DCE = "https://dce-x.koreacentral-1.ingest.monitor.azure.com";
const at = "2026-02-24T01:00:00Z";
const json = (method: string, url: string, status: number, body: unknown, headers: Record<string, string> = {}) =>
  harEntry({
    started: at,
    method,
    url,
    status,
    mimeType: "application/json",
    text: JSON.stringify(body),
    responseHeaders: [
      { name: "content-type", value: "application/json" },
      ...Object.entries(headers).map(([name, value]) => ({ name, value })),
    ],
  });

describe("Azure clients in replay (MSW)", { tags: ["azure", "replay"] }, () => {
  it("ARM, Logs Ingestion and Log Analytics requests are answered by MSW; the upload is plain JSON", async () => {
    const query = {
      tables: [
        {
          name: "PrimaryResult",
          columns: [
            { name: "EventType", type: "string" },
            { name: "Detail", type: "dynamic" },
          ],
          rows: [["TRIAGE_READY", '{"smoke_run_id":"r1"}']],
        },
      ],
    };
    using replay = startReplay(
      harLog([
        json("GET", ARM, 200, { id: "z", name: "z", properties: { provisioningState: "Succeeded" } }),
        harEntry({
          started: at,
          method: "POST",
          url: `${DCE}/dataCollectionRules/dcr-1/streams/Custom-T?api-version=2023-01-01`,
          requestBody: { mimeType: "application/json", text: '[{"EventType":"TRIAGE_READY"}]' },
          status: 204,
          mimeType: "application/json",
          text: "",
        }),
        json("POST", "https://api.loganalytics.io/v1/workspaces/ws/query", 200, query),
      ]),
    );
    const credential = replayCredential();
    const arm = createArmClient({ credential, clock: new VirtualClock(), readTimeoutMs: 1000 });
    expect(await arm.get(new URL(ARM).pathname, "2024-06-01", "zone z")).toMatchObject({ name: "z" });
    await ingestionClient({ dcrEndpoint: DCE, dcrImmutableId: "dcr-1", streamName: "Custom-T" }, credential).upload(
      "dcr-1",
      "Custom-T",
      [{ EventType: "TRIAGE_READY" }],
    );
    const rows = await queryRunRows(logsQueryClient(credential), { workspaceId: "ws", tableName: "T" }, "r1");
    expect(rows).toEqual([expect.objectContaining({ EventType: "TRIAGE_READY", Detail: { smoke_run_id: "r1" } })]);
    replay.assertComplete();
    expect(replay.observed.map((o) => new URL(o.url).host)).toEqual([
      "management.azure.com",
      new URL(DCE).host,
      "api.loganalytics.io",
    ]);
    expect(JSON.parse(replay.observed[1]?.body ?? "")).toEqual([{ EventType: "TRIAGE_READY" }]);
  });

  it("404 ResourceNotFound is Permanent and not retried; 429 waits its Retry-After on the clock", async () => {
    const notFound = { error: { code: "ResourceNotFound", message: "The Resource 'z' was not found." } };
    using replay = startReplay(
      harLog([
        json("GET", ARM, 404, notFound),
        json("GET", ARM, 429, { error: { code: "TooManyRequests", message: "slow down" } }, { "retry-after": "12" }),
        json("GET", ARM, 200, { id: "z" }),
      ]),
    );
    const clock = new VirtualClock();
    const arm = createArmClient({ credential: replayCredential(), clock, readTimeoutMs: 60_000 });
    const missing = await arm.get(new URL(ARM).pathname, "2024-06-01", "private DNS zone z").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AzureRemoteError);
    expect(missing).toMatchObject({ kind: "Permanent", status: 404, notFound: true, resource: "private DNS zone z" });
    expect((missing as Error).message).toBe(
      "read private DNS zone z failed (Permanent, HTTP 404 ResourceNotFound): The Resource 'z' was not found.",
    );
    expect(await arm.get(new URL(ARM).pathname, "2024-06-01", "private DNS zone z")).toEqual({ id: "z" });
    expect(clock.slept).toBe(12_000);
    replay.assertComplete();
  });
});
