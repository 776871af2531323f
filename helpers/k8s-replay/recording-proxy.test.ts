import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Har } from "har-format";
import { afterAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { runClusterCriteria } from "../k8s-cluster/cluster-smoke.ts";
import { clientsForKubeconfig, loadKubeConfig } from "../k8s-cluster/kube-client.ts";
import { replayTarget } from "../k8s-cluster/target.ts";
import { readLangfuseEnv } from "../langfuse/langfuse-env.ts";
import { langfuseTraceSmoke } from "../langfuse/trace-smoke.ts";
import { listenLoopback } from "../net/loopback-http.ts";
import { redactText } from "../redact.ts";
import { channelMessages } from "./channel-frames.ts";
import { writeKubeconfig } from "./kubeconfig.ts";
import { PROXY_UNAUTHORIZED_MESSAGE } from "./proxy-auth.ts";
import { type K8sRecording, loadK8sRecording } from "./recording.ts";
import { recordingProblems } from "./recording-lint.ts";
import { startRecordingProxy } from "./recording-proxy.ts";
import { serveK8sRecording } from "./replay-server.ts";

// The recordings answer for the embedded target (fixtures/target), whatever SMOKEBOOK_TARGET says.
const target = replayTarget();

const dir = mkdtempSync(join(tmpdir(), "smokebook-record-proxy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let configs = 0;
const kubeconfigFor = (server: string, namespace: string) =>
  writeKubeconfig({ server, namespace }, mkdtempSync(join(dir, `kc${configs++}-`)));

/** Serves `recording` as the "real" cluster and puts a recording proxy in front of it. */
async function proxiedUpstream(recording: K8sRecording) {
  const upstream = await serveK8sRecording(recording, { clock: new VirtualClock() });
  const proxy = await startRecordingProxy(
    loadKubeConfig({ KUBECONFIG: kubeconfigFor(upstream.url, recording.meta.namespace) }),
  );
  const clients = clientsForKubeconfig(proxy.writeKubeconfig(recording.meta.namespace, mkdtempSync(join(dir, "p-"))));
  return { upstream, proxy, clients };
}

describe("K8s recording proxy (SMOKEBOOK_MODE=record)", () => {
  it("records the cluster checks so that their replay passes the same way", async () => {
    const { upstream, proxy, clients } = await proxiedUpstream(loadK8sRecording("fixtures/k8s-cluster/healthy.har"));
    try {
      const live = await runClusterCriteria({ clients, target, clock: new VirtualClock(), waitTimeoutMs: 300_000 });
      expect(live.outcomes.every((o) => o.passed)).toBe(true);
      await proxy.close();
      const meta = { scenario: "recorded", description: "test", namespace: "observer-prod", ids: {} };
      const har = proxy.har(meta, "recorded in a test");
      expect(har.log.entries.map((e) => new URL(e.request.url).origin)).toEqual(
        har.log.entries.map(() => upstream.url),
      );
      expect(har.log.entries.some((e) => (e._webSocketMessages as unknown[] | undefined)?.length)).toBe(true);

      await using replay = await serveK8sRecording(
        { har, meta, source: "recorded.har" },
        { clock: new VirtualClock() },
      );
      const replayed = await runClusterCriteria({
        clients: clientsForKubeconfig(kubeconfigFor(replay.url, "observer-prod")),
        target,
        clock: new VirtualClock(),
        waitTimeoutMs: 300_000,
      });
      expect(replayed.outcomes.map((o) => o.summary)).toEqual(live.outcomes.map((o) => o.summary));
      expect(replay.unmatched()).toEqual([]);
      expect(JSON.stringify(har)).not.toContain(proxy.token);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("self-test: Secret values and the tunnelled Authorization the run really used never reach the recording", {
    tags: ["self-test"],
  }, async () => {
    const source = loadK8sRecording("fixtures/langfuse/trace.har");
    const withKeys: Har = structuredClone(source.har);
    const secretEntry = withKeys.log.entries[0];
    if (!secretEntry) throw new Error("fixture has no Secret read");
    const publicKey = "pk-lf-1c2d3e4f-aaaa-bbbb-cccc-0123456789ab";
    const secretKey = "sk-lf-9f8e7d6c-dddd-eeee-ffff-ba9876543210";
    const secret = JSON.parse(secretEntry.response.content.text ?? "{}") as { data: Record<string, string> };
    secret.data = {
      "langfuse-public-key": Buffer.from(publicKey).toString("base64"),
      "langfuse-secret-key": Buffer.from(secretKey).toString("base64"),
    };
    secretEntry.response.content.text = JSON.stringify(secret);

    const { upstream, proxy, clients } = await proxiedUpstream({ ...source, har: withKeys });
    try {
      const ids = source.meta.ids as { traceId: string; eventId: string };
      const line = await langfuseTraceSmoke({
        clients,
        clock: new VirtualClock(),
        waitTimeoutMs: 300_000,
        env: readLangfuseEnv({}),
        ...ids,
      });
      expect(line.stage).toBe("complete");
      await proxy.close();
      const har = proxy.har({ ...source.meta, scenario: "recorded" }, "recorded in a test");
      const text = JSON.stringify(har);
      const basic = Buffer.from(`${publicKey}:${secretKey}`).toString("base64");
      for (const leaked of [publicKey, secretKey, Buffer.from(publicKey).toString("base64"), basic])
        expect(text).not.toContain(leaked);
      const tunnelled = har.log.entries.flatMap((e) => channelMessages(e)).map((m) => m.payload.toString("latin1"));
      expect(tunnelled.join("\n")).not.toContain(basic);
      expect(tunnelled.some((t) => /^authorization: \[REDACTED\]\r$/m.test(t))).toBe(true);
      expect(JSON.parse(har.log.entries[0]?.response.content.text ?? "{}").data).toEqual({
        "langfuse-public-key": "",
        "langfuse-secret-key": "",
      });
      expect(recordingProblems(har)).toEqual([]);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("self-test: without the session token (none, or a wrong one) requests and upgrades get a 401 and nothing is forwarded", {
    tags: ["self-test"],
  }, async () => {
    const { upstream, proxy } = await proxiedUpstream(loadK8sRecording("fixtures/k8s-cluster/healthy.har"));
    try {
      const deployment = "/apis/apps/v1/namespaces/observer-prod/deployments/observer";
      for (const authorization of [undefined, "Bearer wrong-token", `Basic ${proxy.token}`, `Bearer ${proxy.token}x`]) {
        const answer = await rawRequest(proxy.url, deployment, authorization);
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.body)).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
        expect(answer.body).toContain(PROXY_UNAUTHORIZED_MESSAGE);
      }
      const exec = await rawRequest(
        proxy.url,
        "/api/v1/namespaces/observer-prod/pods/observer-6c9f7d5b8d-x7k2p/exec?command=id&stdout=true",
        "Bearer wrong-token",
        {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-version": "13",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
      );
      expect(exec.status).toBe(401);
      expect(proxy.refused).toBe(5);
      expect(upstream.served).toEqual([]);
      expect(proxy.entries).toEqual([]);

      const allowed = await rawRequest(proxy.url, deployment, `Bearer ${proxy.token}`);
      expect(allowed.status).toBe(200);
      expect(upstream.served.map((s) => s.key)).toEqual([`GET ${deployment}`]);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("self-test: the session token goes neither upstream nor into the recording; the upstream sees its own credential", {
    tags: ["self-test"],
  }, async () => {
    const seen: Array<string | undefined> = [];
    await using upstream = await listenLoopback(
      createServer((req, res) => {
        seen.push(req.headers.authorization);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ major: "1", minor: "32", gitVersion: "v1.32.4" }));
      }),
    );
    const kubeconfig = writeKubeconfig(
      { server: upstream.url, namespace: "default", token: "upstream-cluster-credential" },
      mkdtempSync(join(dir, "up-")),
    );
    await using proxy = await startRecordingProxy(loadKubeConfig({ KUBECONFIG: kubeconfig }));
    expect(proxy.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const answer = await rawRequest(proxy.url, "/version", `Bearer ${proxy.token}`);
    expect(answer.status).toBe(200);
    expect(seen).toEqual(["Bearer upstream-cluster-credential"]);
    await proxy.close();
    const text = JSON.stringify(proxy.har({ scenario: "t", description: "t", namespace: "default", ids: {} }, "t"));
    expect(text).not.toContain(proxy.token);
    expect(text).not.toMatch(/authorization/i);
    expect(redactText(`token ${proxy.token}`)).not.toContain(proxy.token);
  });
});

/** One plain HTTP exchange (node:http, no client-node), with or without an Authorization header. */
function rawRequest(
  base: string,
  path: string,
  authorization: string | undefined,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: "application/json", ...extra };
    if (authorization !== undefined) headers.authorization = authorization;
    const req = request(new URL(path, base), { headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    // An upgrade refused by the server is a plain response; one it accepted would arrive here.
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: "" });
    });
    req.on("timeout", () => req.destroy(new Error(`${path} timed out`)));
    req.on("error", reject);
    req.end();
  });
}
