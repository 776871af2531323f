/**
 * Seed 004 §6.2 "K8s/인프라 문제 판별" as kubectl commands: what an operator runs after a failed smoke. A recording
 * made in record mode ends with them, run through the same recording proxy (their entries carry
 * CHECKLIST_COMMENT), so `npm run replay:k8s -- <scenario>` answers every one offline; the replay keeps those
 * entries for kubectl (a smoke never gets them, and never has to use them).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Entry } from "har-format";
import { run } from "../process/run.ts";

export const CHECKLIST_COMMENT = "seed 004 §6.2 checklist (kubectl)";
/** The recording's id naming the pods the checklist described, comma-separated. */
export const CHECKLIST_PODS_ID = "checklistPods";

export function isChecklistEntry(entry: Entry): boolean {
  return entry.comment === CHECKLIST_COMMENT;
}

/**
 * A request kubectl made: its User-Agent is `kubectl/v1.32.4 (linux/amd64) kubernetes/…`, or, for the version check
 * of the Google Cloud SDK's kubectl wrapper, `kubectl-dispatcher/v1.0 (linux/amd64)`.
 */
export function isKubectlAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && /^kubectl[/-]/.test(userAgent);
}

/** The §6.2 table's commands (plus `-o yaml`, the full objects, and the Deployment), for `namespace` and its pods. */
export function checklistCommands(namespace: string, pods: readonly string[]): string[][] {
  const ns = ["-n", namespace];
  return [
    ["get", "pods", ...ns],
    ["get", "pods", ...ns, "-o", "yaml"],
    ...pods.flatMap((pod) => [
      ["describe", "pod", pod, ...ns],
      ["logs", pod, ...ns],
    ]),
    ["get", "pvc", ...ns],
    ["get", "secrets", ...ns],
    ["get", "svc", ...ns],
    ["get", "deploy", ...ns],
    ["get", "events", ...ns],
  ];
}

export interface ChecklistRun {
  command: string[];
  code: number;
  stdout: string;
  stderr: string;
}

async function kubectlOnce(args: string[], kubeconfig: string, cache: string): Promise<ChecklistRun> {
  const result = await run(["kubectl", ...args], {
    env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cache },
    timeoutMs: 30_000,
  });
  return { command: args, code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the checklist with kubectl against `kubeconfig` (a fresh discovery cache, so every request is made). */
export async function runChecklist(
  kubeconfig: string,
  namespace: string,
  pods: readonly string[],
): Promise<ChecklistRun[]> {
  const cache = mkdtempSync(join(tmpdir(), "smokebook-kubectl-cache-"));
  try {
    const runs: ChecklistRun[] = [];
    for (const command of checklistCommands(namespace, pods)) runs.push(await kubectlOnce(command, kubeconfig, cache));
    return runs;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
