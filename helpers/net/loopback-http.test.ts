import { createServer, type IncomingMessage, request } from "node:http";
import { connect, createServer as createNetServer, type Socket } from "node:net";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { dropAfter, listenLoopback } from "./loopback-http.ts";

/** Resolves when the client socket closes, with what it received. */
function socketClosed(socket: Socket): Promise<string> {
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("utf8");
  });
  socket.on("error", () => {});
  return new Promise((resolve) => socket.on("close", () => resolve(received)));
}

describe("listenLoopback", () => {
  it("listens on 127.0.0.1 on a port the OS chose and serves from there", async () => {
    const server = createServer((_req, res) => res.end("ok"));
    await using listener = await listenLoopback(server);
    expect(listener.url).toBe(`http://127.0.0.1:${listener.port}`);
    expect(listener.port).toBeGreaterThan(0);
    expect(server.address()).toMatchObject({ address: "127.0.0.1", port: listener.port });
    expect(await (await fetch(listener.url)).text()).toBe("ok");
  });

  it("close ends a held request and an upgraded socket at once, runs onClose once, and may be called again", async () => {
    const arrived: string[] = [];
    const server = createServer((req) => arrived.push(`request ${req.url}`));
    server.on("upgrade", (req: IncomingMessage) => arrived.push(`upgrade ${req.url}`));
    let cleanups = 0;
    const listener = await listenLoopback(server, { onClose: () => cleanups++ });

    const held = fetch(`${listener.url}/held`).then(
      () => "answered",
      () => "connection failed",
    );
    const upgrade = request(`${listener.url}/tunnel`, { headers: { connection: "Upgrade", upgrade: "websocket" } });
    upgrade.on("error", () => {});
    const upgradeEnded = new Promise<string>((resolve) => upgrade.on("close", () => resolve("closed")));
    upgrade.end();
    await expect.poll(() => arrived.toSorted()).toEqual(["request /held", "upgrade /tunnel"]);

    const started = performance.now();
    await listener.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await held).toBe("connection failed");
    expect(await upgradeEnded).toBe("closed");
    expect(server.listening).toBe(false);
    await listener[Symbol.asyncDispose]();
    expect(cleanups).toBe(1);
  });

  it("serves a plain node:net server too, and close ends its open sockets", async () => {
    const server = createNetServer((socket) => socket.write("hello "));
    const listener = await listenLoopback(server);
    const client = connect(listener.port, "127.0.0.1");
    const ended = socketClosed(client);
    await expect.poll(() => client.bytesRead).toBeGreaterThan(0);
    await listener.close();
    expect(await ended).toBe("hello ");
  });

  it("self-test: a server that cannot listen rejects with node's error", { tags: ["self-test"] }, async () => {
    const server = createServer();
    await using first = await listenLoopback(server);
    await expect(listenLoopback(server)).rejects.toMatchObject({ code: "ERR_SERVER_ALREADY_LISTEN" });
    expect(first.port).toBeGreaterThan(0);
  });
});

describe("dropAfter", () => {
  it("drops the connection after the wait, with no answer", async () => {
    const server = createServer((req) => dropAfter(req, 50));
    await using listener = await listenLoopback(server);
    const client = connect(listener.port, "127.0.0.1");
    const ended = socketClosed(client);
    client.write("GET /stall HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const started = performance.now();
    expect(await ended).toBe("");
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
  });

  it("stops waiting when the server closes first, so no timer is left behind", async () => {
    const setSpy = vi.spyOn(globalThis, "setTimeout");
    const clearSpy = vi.spyOn(globalThis, "clearTimeout");
    onTestFinished(() => {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    });
    const server = createServer((req) => dropAfter(req, 60_000));
    const listener = await listenLoopback(server);
    const client = connect(listener.port, "127.0.0.1");
    const ended = socketClosed(client);
    client.write("GET /stall HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const stallIndex = () => setSpy.mock.calls.findIndex(([, ms]) => ms === 60_000);
    await expect.poll(stallIndex).toBeGreaterThanOrEqual(0);
    const stall = setSpy.mock.results[stallIndex()]?.value;
    expect(clearSpy).not.toHaveBeenCalledWith(stall);
    await listener.close();
    await ended;
    await expect.poll(() => clearSpy.mock.calls.some(([timer]) => timer === stall)).toBe(true);
  });
});
