/** ensureVolume against recorded exchanges: read, create when missing, and a create retried into 409. */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { startReplay } from "../replay/index.ts";
import { callWithin } from "./api-call.ts";
import { replayWorkspaceClient } from "./client.ts";
import { apiError, volumeInfo } from "./fixtures/api-shapes.ts";
import { Tape } from "./fixtures/tape.ts";
import { ensureVolume } from "./volumes.ts";

const REF = { catalog: "c", schema: "s", volume: "v" };
const GET = "/api/2.1/unity-catalog/volumes/c.s.v";
const CREATE = "/api/2.1/unity-catalog/volumes";
const BODY = { catalog_name: "c", schema_name: "s", name: "v", volume_type: "MANAGED" };
const missing = () => apiError("RESOURCE_DOES_NOT_EXIST", "Volume 'c.s.v' does not exist.");

function ensure(tape: Tape) {
  const replay = startReplay(tape.har("volumes self-test"), { source: "volumes.har" });
  const clock = new VirtualClock(Date.parse("2026-02-25T10:00:00Z"));
  const lines: string[] = [];
  return {
    replay,
    run: () => ensureVolume(replayWorkspaceClient(), REF, callWithin(clock, 120_000, { log: (l) => lines.push(l) })),
    lines,
  };
}

describe("ensureVolume", () => {
  it("a missing volume (404) is created as MANAGED", async () => {
    const t = new Tape("2026-02-25T10:00:00Z").json("GET", GET, 404, missing());
    t.json("POST", CREATE, 200, volumeInfo("c", "s", "v", t.nowMs), { request: BODY });
    const { replay, run } = ensure(t);
    try {
      expect((await run()).outcome).toBe("created");
      replay.assertComplete();
    } finally {
      replay.close();
    }
  });

  it("a create retried after a 5xx that then answers 409 RESOURCE_ALREADY_EXISTS counts as existing", async () => {
    const t = new Tape("2026-02-25T10:00:00Z").json("GET", GET, 404, missing());
    t.json("POST", CREATE, 503, apiError("TEMPORARILY_UNAVAILABLE", "The service is temporarily unavailable."), {
      request: BODY,
    });
    t.json("POST", CREATE, 409, apiError("RESOURCE_ALREADY_EXISTS", "Volume 'c.s.v' already exists"), {
      request: BODY,
    });
    t.json("GET", GET, 200, volumeInfo("c", "s", "v", t.nowMs));
    const { replay, run, lines } = ensure(t);
    try {
      const ensured = await run();
      expect(ensured.outcome).toBe("existing");
      expect(ensured.info.full_name).toBe("c.s.v");
      expect(ensured.note).toBe(
        "create answered HTTP 409 RESOURCE_ALREADY_EXISTS: the volume exists (a retried create, or another run created it)",
      );
      expect(lines[0]).toMatch(/^retrying volumes create c\.s\.v \(MANAGED\) in 1s .*HTTP 503/);
      replay.assertComplete();
    } finally {
      replay.close();
    }
  });

  it("self-test: any other create failure is thrown, classified", { tags: ["self-test"] }, async () => {
    const t = new Tape("2026-02-25T10:00:00Z").json("GET", GET, 404, missing());
    t.json("POST", CREATE, 403, apiError("PERMISSION_DENIED", "User does not have CREATE VOLUME on Schema 'c.s'."), {
      request: BODY,
    });
    const { replay, run } = ensure(t);
    try {
      await expect(run()).rejects.toThrow(
        /volumes create c\.s\.v \(MANAGED\) failed \(Permanent, HTTP 403 PERMISSION_DENIED\)/,
      );
    } finally {
      replay.close();
    }
  });
});
