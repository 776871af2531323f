/**
 * SMOKEBOOK_MODE=record for K8s smokes: the live cluster behind a recording proxy (helpers/k8s-replay/
 * recording-proxy.ts). The checks talk to the proxy through a generated kubeconfig. `close({ passed: true })` — the
 * smoke's checks all passed — writes the recording over the smoke's recording path (or under SMOKEBOOK_RECORD_DIR,
 * helpers/replay/record-target.ts) with the ids the run generated. Any other close, and disposal (`await using`
 * after an error), leaves the committed recording alone and keeps the traffic as <name>.failed.har beside it
 * (helpers/replay/recording-result.ts). Either file is written only after recording-lint.ts found no Secret
 * value or credential in it. Given the namespace the smoke works in, the recording defaults kubectl to it and ends
 * with the seed 004 §6.2 checklist run there through the same proxy (helpers/k8s-replay/checklist.ts), so a replay
 * answers an operator's `kubectl get pods / describe pod / logs / get events …` too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { systemClock } from "../clock.ts";
import { SmokebookError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { CHECKLIST_PODS_ID, runChecklist } from "../k8s-replay/checklist.ts";
import { selfSignedLoopbackTls } from "../k8s-replay/proxy-tls.ts";
import { recordingProblems } from "../k8s-replay/recording-lint.ts";
import { startRecordingProxy } from "../k8s-replay/recording-proxy.ts";
import { saveHar } from "../replay/har-file.ts";
import { recordTarget } from "../replay/record-target.ts";
import { failedRecordingPath } from "../replay/recording-result.ts";
import type { CloseOptions, ClusterConnection } from "./connect.ts";
import { clientsForKubeconfig, kubeClients, loadKubeConfig } from "./kube-client.ts";

/** The §6.2 checklist through the proxy, for every pod in `namespace` (listed directly, so not recorded). */
async function captureChecklist(
  proxy: Awaited<ReturnType<typeof startRecordingProxy>>,
  live: ReturnType<typeof kubeClients>,
  kubeconfig: string,
  namespace: string,
  ids: Record<string, string>,
): Promise<void> {
  const pods = (await live.core.listNamespacedPod({ namespace })).items.flatMap((p) =>
    p.metadata?.name ? [p.metadata.name] : [],
  );
  proxy.markChecklist();
  const runs = await runChecklist(kubeconfig, namespace, pods);
  ids[CHECKLIST_PODS_ID] = pods.join(",");
  const failed = runs.filter((r) => r.code !== 0).map((r) => `kubectl ${r.command.join(" ")} (exit ${r.code})`);
  console.log(
    `[record] §6.2 checklist in ${namespace}: ${runs.length} kubectl command(s) recorded${failed.length > 0 ? `; non-zero: ${failed.join(", ")}` : ""}`,
  );
}

export async function recordingConnection(
  recording: string,
  env: Env,
  focus: { namespace?: string } = {},
): Promise<ClusterConnection> {
  const upstream = loadKubeConfig(env);
  const live = kubeClients(upstream);
  const namespace = focus.namespace ?? upstream.getContextObject(upstream.getCurrentContext())?.namespace ?? "default";
  const proxy = await startRecordingProxy(upstream, { tls: selfSignedLoopbackTls() });
  const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-record-"));
  const kubeconfig = proxy.writeKubeconfig(namespace, dir);
  const clients = {
    ...clientsForKubeconfig(kubeconfig),
    describe: `${live.describe} (recording)`,
  };
  const ids: Record<string, string> = {};
  const utc = new Date().toISOString();
  let closed = false;
  const close = async (options: CloseOptions = {}) => {
    if (closed) return;
    closed = true;
    if (focus.namespace) {
      try {
        await captureChecklist(proxy, live, kubeconfig, focus.namespace, ids);
      } catch (error) {
        console.log(`[record] §6.2 checklist not captured: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
    const scenario = basename(recording, ".har");
    const har = proxy.har(
      { scenario, description: `recorded live from ${live.describe} at ${utc}`, namespace, ids },
      `smokebook K8s recording "${scenario}" (recorded live through helpers/k8s-replay/recording-proxy.ts)`,
    );
    const problems = recordingProblems(har);
    if (problems.length > 0) {
      throw new SmokebookError("K8S_RECORDING_UNSAFE", `not writing ${recording}: ${problems.slice(0, 5).join("; ")}`);
    }
    const target = recordTarget(recording, env);
    if (options.passed === true) {
      saveHar(target, har, env);
      console.log(`[${scenario}] recording written (redacted): ${target}`);
      return;
    }
    const failed = failedRecordingPath(target);
    saveHar(failed, har, env);
    console.log(
      `[${scenario}] recording NOT written to ${target}: the run did not pass (a check failed or it stopped early); its traffic is saved (redacted) for review as ${failed}`,
    );
  };
  return {
    clients,
    clock: systemClock,
    recording: undefined,
    replay: undefined,
    noteIds: (more) => Object.assign(ids, more),
    close,
    [Symbol.asyncDispose]: () => close({ passed: false }),
  };
}
