/**
 * Seed 004 Phase 0 "Pod 재시작 후 데이터 보존" and §3.3 "데이터 영속성: Pod 재시작 후 확인 — 실패: 볼륨 마운트 오류":
 * write a unique marker file under the contract data directory (exec), delete the pod, wait (watch, deadline)
 * for a replacement pod to be Ready, read the marker back there, then remove it. A lost marker fails naming both
 * pods and the volume that backs the data directory on the replacement.
 */
import type { V1Pod } from "@kubernetes/client-node";
import { PollTimeoutError } from "../poll.ts";
import type { CheckContext } from "./check-context.ts";
import { ClusterCheckError } from "./errors.ts";
import { execInPod } from "./exec.ts";
import { listDeploymentPods } from "./pod-check.ts";
import { describePodLine, isPodReady, summarizePod } from "./pod-status.ts";
import { labelSelectorOf } from "./selectors.ts";
import { watchUntil } from "./watch-until.ts";

export const RESTART_CRITERION = "data written before a pod restart is there after it";

export interface RestartOutcome {
  markerPath: string;
  before: string;
  after: string;
  waitedSeconds: number;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function markerPathFor(dataDir: string, marker: string): string {
  if (!SAFE_ID.test(marker)) throw new Error(`marker id ${JSON.stringify(marker)} must match ${SAFE_ID}`);
  return `${dataDir.replace(/\/+$/, "")}/.smokebook-marker-${marker}`;
}

export function writeMarkerCommand(path: string, marker: string): string[] {
  return ["sh", "-c", `printf '%s' '${marker}' > '${path}' && cat '${path}'`];
}

/** The volume behind `dir` in a pod's container, in words: "volume runtime (PVC observer-runtime)". */
export function volumeBehind(pod: V1Pod, container: string, dir: string): string {
  const c = pod.spec?.containers.find((x) => x.name === container);
  const mount = (c?.volumeMounts ?? [])
    .filter((m) => dir === m.mountPath || dir.startsWith(`${m.mountPath.replace(/\/+$/, "")}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  if (!mount) return `no volume is mounted at ${dir} (the container's own filesystem)`;
  const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
  const kind = volume?.persistentVolumeClaim
    ? `PVC ${volume.persistentVolumeClaim.claimName}`
    : volume?.emptyDir
      ? "emptyDir — deleted with the pod"
      : "not a PVC";
  return `${mount.mountPath} is volume ${mount.name} (${kind})`;
}

function fail(message: string, cause?: unknown): ClusterCheckError {
  return new ClusterCheckError(
    "K8S_MARKER_LOST",
    RESTART_CRITERION,
    message,
    cause === undefined ? undefined : { cause },
  );
}

export async function podRestartSmoke(
  ctx: CheckContext,
  matchLabels: Record<string, string>,
  marker: string,
): Promise<RestartOutcome> {
  const { namespace, container, dataDir } = ctx.target;
  const kc = ctx.clients.kc;
  const path = markerPathFor(dataDir, marker);
  const before = (await listDeploymentPods(ctx, matchLabels)).find((p) => isPodReady(summarizePod(p)));
  if (!before?.metadata?.name)
    throw fail(`no ready pod of deployment ${namespace}/${ctx.target.deployment} to write the marker in`);
  const oldName = before.metadata.name;
  const oldUid = before.metadata.uid;

  const written = await execInPod(kc, {
    namespace,
    pod: oldName,
    container,
    command: writeMarkerCommand(path, marker),
  });
  if (written.exitCode !== 0 || written.stdout !== marker) {
    throw fail(`could not write marker ${path} in ${oldName}: exit code ${written.exitCode}: ${written.stderr.trim()}`);
  }

  await ctx.clients.core.deleteNamespacedPod({ name: oldName, namespace });
  const labelSelector = labelSelectorOf(matchLabels);
  let replacement: V1Pod;
  const started = ctx.clock.now();
  try {
    const result = await watchUntil({
      kc,
      condition: `a replacement of pod ${oldName} is Ready`,
      path: `/api/v1/namespaces/${namespace}/pods`,
      labelSelector,
      list: () => ctx.clients.core.listNamespacedPod({ namespace, labelSelector }),
      evaluate: (pods) => {
        const ready = pods.find((p) => p.metadata?.uid !== oldUid && isPodReady(summarizePod(p)));
        return {
          done: ready !== undefined,
          state: pods.map((p) => describePodLine(summarizePod(p))).join("; ") || "no pods",
          ...(ready ? { value: ready } : {}),
        };
      },
      timeoutMs: ctx.waitTimeoutMs,
      clock: ctx.clock,
      ...(ctx.onPoll ? { onPoll: ctx.onPoll } : {}),
    });
    replacement = result.value as V1Pod;
  } catch (error) {
    if (error instanceof PollTimeoutError) {
      throw fail(
        `no replacement of ${oldName} became Ready within ${error.budgetSeconds}s; last observed: ${error.lastState}`,
        error,
      );
    }
    throw error;
  }
  const newName = replacement.metadata?.name ?? "(unnamed)";
  const waitedSeconds = Math.round((ctx.clock.now() - started) / 1000);

  try {
    const read = await execInPod(kc, { namespace, pod: newName, container, command: ["cat", path] });
    if (read.exitCode !== 0 || read.stdout !== marker) {
      const seen =
        read.exitCode !== 0
          ? `cat exited ${read.exitCode}: ${read.stderr.trim()}`
          : `it holds ${JSON.stringify(read.stdout.slice(0, 80))}`;
      throw fail(
        `marker ${path} written in ${oldName} before the restart is not on replacement ${newName} (${seen}); ` +
          `${volumeBehind(replacement, container, dataDir)} — data persistence failed: check the volume mount (seed 004 §3.3)`,
      );
    }
  } finally {
    await execInPod(kc, { namespace, pod: newName, container, command: ["rm", "-f", path] }).catch(() => undefined);
  }
  return { markerPath: path, before: oldName, after: newName, waitedSeconds };
}
