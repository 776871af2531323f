import { describe, expect, it } from "vitest";
import { isChecklistEntry } from "../k8s-replay/checklist.ts";
import { ReplayDivergedError } from "../k8s-replay/replay-divergence.ts";
import { runClusterCriteria } from "./cluster-smoke.ts";
import { connectCluster } from "./connect.ts";
import { readDeployment } from "./deployment-check.ts";
import { replayTarget } from "./target.ts";

const HEALTHY = "fixtures/k8s-cluster/healthy.har";

async function replayContext() {
  const connection = await connectCluster("replay", HEALTHY, {});
  return {
    connection,
    ctx: { clients: connection.clients, target: replayTarget(), clock: connection.clock, waitTimeoutMs: 300_000 },
  };
}

describe("closing a replayed cluster connection checks the run followed its recording", () => {
  it("a run that made every recorded request closes cleanly (the §6.2 kubectl checklist entries do not count)", async () => {
    const { connection, ctx } = await replayContext();
    const { outcomes } = await runClusterCriteria(ctx);
    expect(outcomes.every((o) => o.passed)).toBe(true);
    expect(connection.replay?.recording.har.log.entries.some(isChecklistEntry)).toBe(true);
    await expect(connection.close()).resolves.toBeUndefined();
  });

  it("self-test: a run that stops early fails on close, naming the recorded requests it never made", {
    tags: ["self-test"],
  }, async () => {
    const { connection, ctx } = await replayContext();
    await readDeployment(ctx);
    const closing = connection.close();
    await expect(closing).rejects.toBeInstanceOf(ReplayDivergedError);
    await expect(closing).rejects.toMatchObject({ code: "K8S_REPLAY_DIVERGED", recording: HEALTHY, unmatched: [] });
    await expect(closing).rejects.toThrow(
      /^replay of fixtures\/k8s-cluster\/healthy\.har diverged from its recording: \d+ recorded request\(s\) never made: #1 GET \/api\/v1\/namespaces\/observer-prod\/persistentvolumeclaims, /,
    );
    const error = (await closing.catch((e: unknown) => e)) as ReplayDivergedError;
    expect(error.unused.some((key) => /\/version$|\[table\]$/.test(key))).toBe(false);
    expect(error.message).toContain("re-record it (SMOKEBOOK_MODE=record) or regenerate it (npm run fixtures:k8s)");
  });

  it("self-test: a request the recording lacks fails on close even when the caller swallowed its 400", {
    tags: ["self-test"],
  }, async () => {
    const { connection, ctx } = await replayContext();
    await runClusterCriteria(ctx);
    await ctx.clients.core.readNamespacedService({ name: "observer", namespace: "kube-system" }).catch(() => undefined);
    await expect(connection.close()).rejects.toThrow(
      /1 request\(s\) not in the recording: GET \/api\/v1\/namespaces\/kube-system\/services\/observer — /,
    );
  });

  it("disposal only releases: it never replaces the smoke's own error with a divergence", async () => {
    const attempt = (async () => {
      await using connection = await connectCluster("replay", HEALTHY, {});
      void connection;
      throw new Error("the smoke's own failure");
    })();
    await expect(attempt).rejects.toThrow(/^the smoke's own failure$/);
  });
});
