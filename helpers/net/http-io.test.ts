import { createServer, get, type IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { readRequestBody, writeResponse } from "./http-io.ts";
import { listenLoopback } from "./loopback-http.ts";

function getRaw(url: string): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("writeResponse", () => {
  it("sends status, status text, every header (repeated set-cookie kept apart) and the body bytes", async () => {
    const bytes = Buffer.from([0, 255, 10, 13, 128]);
    const server = createServer((_req, res) => {
      const headers = new Headers([
        ["set-cookie", "a=1; HttpOnly"],
        ["set-cookie", "b=2"],
        ["content-type", "application/octet-stream"],
      ]);
      void writeResponse(res, new Response(bytes, { status: 418, statusText: "Teapot Here", headers }));
    });
    await using listener = await listenLoopback(server);
    const { res, body } = await getRaw(listener.url);
    expect(res.statusCode).toBe(418);
    expect(res.statusMessage).toBe("Teapot Here");
    expect(res.headers["set-cookie"]).toEqual(["a=1; HttpOnly", "b=2"]);
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(body.equals(bytes)).toBe(true);
  });
});

describe("readRequestBody", () => {
  it("returns the bytes a client sent, and an empty buffer for a request without a body", async () => {
    const seen: Buffer[] = [];
    const server = createServer(async (req, res) => {
      seen.push(await readRequestBody(req));
      res.end();
    });
    await using listener = await listenLoopback(server);
    await fetch(listener.url, { method: "POST", body: "héllo, body" });
    await fetch(listener.url);
    expect(seen.map((b) => b.toString("utf8"))).toEqual(["héllo, body", ""]);
  });
});
