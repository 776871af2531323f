import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { RecordingBuilder } from "./author/recording-builder.ts";
import { Timeline } from "./author/timeline.ts";
import { EXEC_STATUS, EXEC_STDOUT } from "./channel-frames.ts";
import { EntrySelector } from "./entry-selector.ts";
import type { K8sRecording } from "./recording.ts";
import { serveK8sRecording } from "./replay-server.ts";
import { requestKey } from "./request-key.ts";
import { decodeFrame, encodeFrame, OPCODE_BINARY } from "./websocket.ts";

function recording(build: (b: RecordingBuilder) => void): K8sRecording {
  const b = new RecordingBuilder(new Timeline("2026-02-05T03:10:00Z"));
  build(b);
  const meta = { scenario: "unit", description: "unit", namespace: "ns", ids: {} };
  return { har: b.har(meta, "unit"), meta, source: "unit.har" };
}

describe("WebSocket frames", () => {
  it("decodes a masked client frame with a 16-bit length and leaves the rest of the buffer", () => {
    const payload = Buffer.alloc(300, 7);
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
    const frame = Buffer.concat([Buffer.from([0x82, 0x80 | 126, 0x01, 0x2c]), mask, masked, Buffer.from([0x88])]);
    const decoded = decodeFrame(frame);
    expect(decoded).toMatchObject({ fin: true, opcode: OPCODE_BINARY, size: 308 });
    expect(decoded?.payload.equals(payload)).toBe(true);
    expect(decodeFrame(frame.subarray(0, 100))).toBeUndefined();
  });

  it("encodes server frames unmasked", () => {
    expect([...encodeFrame(Buffer.from("hi"), 1)]).toEqual([0x81, 2, 0x68, 0x69]);
    expect(encodeFrame(Buffer.alloc(70_000), 2).subarray(0, 2)).toEqual(Buffer.from([0x82, 127]));
  });
});

describe("request keys", () => {
  it("keep what changes the answer and drop what shapes the transfer", () => {
    const a = requestKey("GET", "/api/v1/namespaces/ns/pods?labelSelector=app%3Dx&limit=500&timeoutSeconds=5");
    expect(a).toEqual({ kind: "api", key: "GET /api/v1/namespaces/ns/pods?labelSelector=app%3Dx" });
    expect(requestKey("GET", "/api/v1/namespaces/ns/pods?watch=true&resourceVersion=9&labelSelector=app%3Dx").key).toBe(
      "WATCH /api/v1/namespaces/ns/pods?labelSelector=app%3Dx",
    );
    expect(requestKey("GET", "/api/v1/namespaces/ns/pods", "application/json;as=Table;v=v1;g=meta.k8s.io").key).toMatch(
      /\[table\]$/,
    );
    expect(requestKey("GET", "/api/v1/namespaces/ns/pods/p/log?container=c&previous=false&tailLines=20").key).toBe(
      "GET /api/v1/namespaces/ns/pods/p/log?container=c",
    );
    expect(
      requestKey("GET", "/api/v1/namespaces/ns/pods/p/exec?command=cat&command=%2Fx&container=c&stdout=true").key,
    ).toBe("EXEC /api/v1/namespaces/ns/pods/p/exec?container=c&command=cat&command=%2Fx");
  });
});

describe("EntrySelector", () => {
  it("serves in recording order, then repeats the latest state as of the cursor", () => {
    const s = new EntrySelector(["list", "watch", "list", "other", "list"]);
    expect(s.select("list")?.index).toBe(0);
    expect(s.select("watch")?.index).toBe(1);
    expect(s.select("list")?.index).toBe(2);
    expect(s.select("watch")).toMatchObject({ index: 1, repeated: true });
    expect(s.select("other")?.index).toBe(3);
    expect(s.select("list")?.index).toBe(4);
    expect(s.select("list")).toMatchObject({ index: 4, repeated: true });
    expect(s.select("missing")).toBeUndefined();
    expect(s.unserved()).toEqual([]);
  });
});

describe("K8s replay server", () => {
  it("answers recorded requests and moves the virtual clock by their recorded durations (watches ≥ 1 s)", async () => {
    const clock = new VirtualClock(0);
    await using server = await serveK8sRecording(
      recording((b) => {
        b.json("GET", "/api/v1/namespaces/ns/pods/p", 200, { kind: "Pod", metadata: { name: "p" } }, { timeMs: 250 });
        b.watch("/api/v1/namespaces/ns/pods", {}, [{ type: "ADDED", object: { kind: "Pod" } }], 10);
      }),
      { clock },
    );
    const pod = await fetch(`${server.url}/api/v1/namespaces/ns/pods/p`);
    expect(await pod.json()).toEqual({ kind: "Pod", metadata: { name: "p" } });
    expect(clock.now()).toBe(250);
    const watch = await fetch(`${server.url}/api/v1/namespaces/ns/pods?watch=true&timeoutSeconds=60`);
    expect(await watch.text()).toBe('{"type":"ADDED","object":{"kind":"Pod"}}\n');
    expect(clock.now()).toBe(1250);
    expect(server.unmatched()).toEqual([]);
    expect(server.unused()).toEqual([]);
  });

  it("self-test: a request the recording lacks gets a 400 Status naming it and the recording", {
    tags: ["self-test"],
  }, async () => {
    await using server = await serveK8sRecording(recording(() => undefined));
    const response = await fetch(`${server.url}/api/v1/namespaces/ns/secrets/x`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      kind: "Status",
      code: 400,
      reason: "BadRequest",
      message: "smokebook replay: GET /api/v1/namespaces/ns/secrets/x is not in recording unit.har",
    });
    expect(server.unmatched()).toEqual(["GET /api/v1/namespaces/ns/secrets/x"]);
  });

  it("plays an exec over WebSocket (v4.channel.k8s.io): stdout, then the V1Status, then close", async () => {
    await using server = await serveK8sRecording(
      recording((b) => b.exec("ns", "p", "c", ["cat", "/x"], { stdout: "hello", exitCode: 0 })),
    );
    const url = `${server.url.replace("http", "ws")}/api/v1/namespaces/ns/pods/p/exec?command=cat&command=%2Fx&container=c&stdout=true&stderr=true`;
    const ws = new WebSocket(url, ["v5.channel.k8s.io", "v4.channel.k8s.io"]);
    ws.binaryType = "arraybuffer";
    const frames: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.onmessage = (m) => frames.push(Buffer.from(m.data as ArrayBuffer));
      ws.onclose = () => resolve();
      ws.onerror = () => reject(new Error("websocket error"));
    });
    expect(ws.protocol).toBe("v4.channel.k8s.io");
    expect(frames.map((f) => f[0])).toEqual([EXEC_STDOUT, EXEC_STATUS]);
    expect(frames[0]?.subarray(1).toString()).toBe("hello");
    expect(JSON.parse(frames[1]?.subarray(1).toString() ?? "")).toEqual({ metadata: {}, status: "Success" });
  });

  it("self-test: an exec the recording lacks is refused with 400 before any upgrade", {
    tags: ["self-test"],
  }, async () => {
    await using server = await serveK8sRecording(recording(() => undefined));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/namespaces/ns/pods/p/exec?command=id&container=c`, {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          "sec-websocket-version": "13",
        },
      });
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.on("upgrade", () => reject(new Error("upgraded")));
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(server.unmatched()).toEqual(["GET /api/v1/namespaces/ns/pods/p/exec?command=id&container=c"]);
  });
});
