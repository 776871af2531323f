// @module-tag k8s
/**
 * Seed 001 "Staging LangFuse UI smoke (internal-only)": GET the LangFuse UI through service/langfuse-internal in
 * LANGFUSE_NAMESPACE (default "default"); http_code 200 or 302. Prints and keeps the runbook's JSON line (utc,
 * namespace, http_code, response_sha256, sanitized response_summary) and appends it to LANGFUSE_SMOKE_ARTIFACT_FILE
 * when set.
 *   RUN_LANGFUSE_UI_SMOKE=1 LANGFUSE_NAMESPACE=default npx vitest run suites/k8s/langfuse-ui.test.ts
 * Without the gate it replays fixtures/langfuse/ui.har.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson } from "../../helpers/evidence/record.ts";
import { readClusterEnv } from "../../helpers/k8s-cluster/cluster-env.ts";
import { clientsForKubeconfig } from "../../helpers/k8s-cluster/kube-client.ts";
import { describeSampleReplay, SAMPLE_REPLAYS } from "../../helpers/k8s-cluster/sample-replays.ts";
import { loadK8sRecording } from "../../helpers/k8s-replay/recording.ts";
import { type TunnelAnswer, withTunnelAnswer } from "../../helpers/k8s-replay/recording-variants.ts";
import { startK8sReplay } from "../../helpers/k8s-replay/start-replay.ts";
import { jsonLine } from "../../helpers/langfuse/artifact.ts";
import { LangfuseUiSmokeError } from "../../helpers/langfuse/errors.ts";
import { readLangfuseEnv } from "../../helpers/langfuse/langfuse-env.ts";
import { langfuseUiSmokeDefinition } from "../../helpers/langfuse/smokes.ts";
import { langfuseUiSmoke } from "../../helpers/langfuse/ui-smoke.ts";
import { saveHar } from "../../helpers/replay/har-file.ts";

const test = defineSmoke({
  ...langfuseUiSmokeDefinition,
  recordings: { kube: langfuseUiSmokeDefinition.recordings[0] as string },
  kube: { namespace: (env) => readLangfuseEnv(env).namespace },
  replay: SAMPLE_REPLAYS,
});

test("the internal LangFuse UI answers 200 or 302, with a sanitized JSON line", async ({ kube, annotate }) => {
  const ctx = { annotate };
  const env = readLangfuseEnv();
  await recordIds(ctx, { context: kube.clients.describe, namespace: env.namespace });
  try {
    const line = await langfuseUiSmoke(kube.clients, env, kube.clock, readClusterEnv().waitTimeoutMs);
    console.log(jsonLine(line));
    await recordJson(ctx, "langfuse-ui-smoke", line);
  } catch (error) {
    if (error instanceof LangfuseUiSmokeError) {
      console.log(jsonLine(error.line));
      await recordJson(ctx, "langfuse-ui-smoke", error.line);
    }
    throw error;
  }
});

/** The captured UI recording with the UI's answer replaced (a real LangFuse sets cookies; the stand-in does not). */
function uiVariant(dir: string, name: string, answer: TunnelAnswer): string {
  const path = join(dir, `${name}.har`);
  const captured = loadK8sRecording("fixtures/langfuse/ui.har").har;
  saveHar(path, withTunnelAnswer(captured, { method: "GET", path: /^\/$/ }, answer));
  return path;
}

const SIGN_IN_PAGE: TunnelAnswer = {
  status: 200,
  statusText: "OK",
  contentType: "text/html; charset=utf-8",
  body: "<!doctype html><title>Langfuse</title><p>Sign in</p>",
  headers: [
    { name: "set-cookie", value: "next-auth.csrf-token=0123456789abcdef%7Cfedcba; Path=/; HttpOnly; SameSite=Lax" },
  ],
};

describeSampleReplay(
  "LangFuse UI smoke against recordings (self-test)",
  { tags: ["k8s", "replay", "self-test"] },
  () => {
    it("the captured stand-in UI answers 302 to its sign-in page, which passes", async () => {
      await using replay = await startK8sReplay("fixtures/langfuse/ui.har");
      const line = await langfuseUiSmoke(
        clientsForKubeconfig(replay.kubeconfigPath),
        readLangfuseEnv({}),
        replay.clock,
      );
      expect(line).toMatchObject({ namespace: "default", http_code: 302, result: "pass" });
      expect(line.response_summary).toContain("location /auth/sign-in");
    });

    it("appends one line per run to LANGFUSE_SMOKE_ARTIFACT_FILE, equal to the returned line, with no cookie content", async () => {
      const dir = mkdtempSync(join(tmpdir(), "smokebook-langfuse-ui-"));
      try {
        const file = join(dir, "langfuse-ui-smoke.jsonl");
        const env = readLangfuseEnv({ LANGFUSE_SMOKE_ARTIFACT_FILE: file });
        const lines: string[] = [];
        for (let run = 0; run < 2; run++) {
          await using replay = await startK8sReplay(uiVariant(dir, "sign-in-200", SIGN_IN_PAGE));
          lines.push(jsonLine(await langfuseUiSmoke(clientsForKubeconfig(replay.kubeconfigPath), env, replay.clock)));
        }
        const artifact = readFileSync(file, "utf8").trim().split("\n");
        expect(artifact).toEqual(lines);
        const line = JSON.parse(artifact[1] as string) as Record<string, unknown>;
        expect(Object.keys(line)).toEqual([
          "utc",
          "namespace",
          "result",
          "http_code",
          "response_sha256",
          "response_summary",
        ]);
        expect(line).toMatchObject({ namespace: "default", http_code: 200, result: "pass" });
        expect(line.response_sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(line.response_summary).toContain("set-cookie");
        expect(readFileSync(file, "utf8")).not.toMatch(/csrf-token=|next-auth\.|Bearer |Basic /);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("a UI answering 503 fails with its http_code, after the line was appended", async () => {
      const dir = mkdtempSync(join(tmpdir(), "smokebook-langfuse-ui-"));
      try {
        const recording = uiVariant(dir, "ui-503", {
          status: 503,
          statusText: "Service Unavailable",
          body: '{"message":"Service Unavailable"}',
        });
        const file = join(dir, "langfuse-ui-smoke.jsonl");
        await using replay = await startK8sReplay(recording);
        const attempt = langfuseUiSmoke(
          clientsForKubeconfig(replay.kubeconfigPath),
          readLangfuseEnv({ LANGFUSE_SMOKE_ARTIFACT_FILE: file }),
          replay.clock,
        );
        await expect(attempt).rejects.toBeInstanceOf(LangfuseUiSmokeError);
        await expect(attempt).rejects.toThrow(/answered http_code 503, expected 200 or 302/);
        expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ http_code: 503, result: "fail" });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
