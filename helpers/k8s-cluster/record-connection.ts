/**
 * SMOKEBOOK_MODE=record for K8s smokes: the live cluster behind a recording proxy (helpers/k8s-replay/
 * recording-proxy.ts). The checks talk to the proxy through a generated kubeconfig. `close({ passed: true })` — the
 * smoke's checks all passed — writes the recording over the smoke's recording path (or under SMOKEBOOK_RECORD_DIR,
 * helpers/replay/record-target.ts) with the ids the run generated. Any other close, and disposal (`await using`
 * after an error), leaves the committed recording alone and keeps the traffic as <name>.failed.har beside it
 * (helpers/replay/recording-result.ts). Either file is written only after recording-lint.ts found no Secret
 * value or credential in it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { systemClock } from "../clock.ts";
import { SmokebookError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { recordingProblems } from "../k8s-replay/recording-lint.ts";
import { startRecordingProxy } from "../k8s-replay/recording-proxy.ts";
import { saveHar } from "../replay/har-file.ts";
import { recordTarget } from "../replay/record-target.ts";
import { failedRecordingPath } from "../replay/recording-result.ts";
import type { CloseOptions, ClusterConnection } from "./connect.ts";
import { clientsForKubeconfig, kubeClients, loadKubeConfig } from "./kube-client.ts";

export async function recordingConnection(recording: string, env: Env): Promise<ClusterConnection> {
  const upstream = loadKubeConfig(env);
  const live = kubeClients(upstream);
  const namespace = upstream.getContextObject(upstream.getCurrentContext())?.namespace ?? "default";
  const proxy = await startRecordingProxy(upstream);
  const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-record-"));
  const clients = {
    ...clientsForKubeconfig(proxy.writeKubeconfig(namespace, dir)),
    describe: `${live.describe} (recording)`,
  };
  const ids: Record<string, string> = {};
  const utc = new Date().toISOString();
  let closed = false;
  const close = async (options: CloseOptions = {}) => {
    if (closed) return;
    closed = true;
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
