import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { writeKubeconfig } from "../k8s-replay/kubeconfig.ts";
import { loadK8sRecording } from "../k8s-replay/recording.ts";
import { serveK8sRecording } from "../k8s-replay/replay-server.ts";
import { loadHar } from "../replay/har-file.ts";
import { readDeployment } from "./deployment-check.ts";
import { recordingConnection } from "./record-connection.ts";
import { replayTarget } from "./target.ts";

const COMMITTED = '{"committed": "the reference recording"}\n';
const root = mkdtempSync(join(tmpdir(), "smokebook-k8s-record-conn-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

/** A "live" cluster (healthy.har served on loopback) and a committed recording at a temp path. */
async function recordRun() {
  const dir = mkdtempSync(join(root, `run${runs++}-`));
  const source = loadK8sRecording("fixtures/k8s-cluster/healthy.har");
  const upstream = await serveK8sRecording(source, { clock: new VirtualClock() });
  const kubeconfig = writeKubeconfig({ server: upstream.url, namespace: source.meta.namespace }, dir);
  const recording = join(dir, "healthy.har");
  writeFileSync(recording, COMMITTED);
  const connection = await recordingConnection(recording, { KUBECONFIG: kubeconfig });
  const read = () =>
    readDeployment({
      clients: connection.clients,
      target: replayTarget(),
      clock: new VirtualClock(),
      waitTimeoutMs: 1_000,
    });
  return { upstream, connection, recording, failed: join(dir, "healthy.failed.har"), read };
}

describe("SMOKEBOOK_MODE=record writes the recording only for a passed run", () => {
  it("close({ passed: true }) replaces the committed recording and writes no .failed.har", async () => {
    const { upstream, connection, recording, failed, read } = await recordRun();
    try {
      await read();
      await connection.close({ passed: true });
      expect(readFileSync(recording, "utf8")).not.toBe(COMMITTED);
      expect(loadHar(recording).log.entries.length).toBeGreaterThan(0);
      expect(existsSync(failed)).toBe(false);
    } finally {
      await upstream.close();
    }
  });

  it("self-test: a run failing under `await using` leaves the committed file untouched and writes <name>.failed.har", {
    tags: ["self-test"],
  }, async () => {
    const run = await recordRun();
    try {
      const attempt = (async () => {
        await using connection = run.connection;
        void connection;
        await run.read();
        throw new Error("a check failed");
      })();
      await expect(attempt).rejects.toThrow(/^a check failed$/);
      expect(readFileSync(run.recording, "utf8")).toBe(COMMITTED);
      expect(loadHar(run.failed).log.entries.some((e) => e.request.url.includes("/deployments/"))).toBe(true);
    } finally {
      await run.upstream.close();
    }
  });

  it("self-test: close() without an explicit pass also keeps the traffic only as .failed.har", {
    tags: ["self-test"],
  }, async () => {
    const { upstream, connection, recording, failed, read } = await recordRun();
    try {
      await read();
      await connection.close();
      expect(readFileSync(recording, "utf8")).toBe(COMMITTED);
      expect(existsSync(failed)).toBe(true);
    } finally {
      await upstream.close();
    }
  });
});
