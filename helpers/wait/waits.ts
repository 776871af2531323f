/**
 * The `wait` fixture: every wait of a smoke in one shape, a deadline poll (helpers/poll.ts) on the session's clock
 * (virtual in replay), each poll in the evidence, and the condition and budget in every timeout message:
 *   const res = await wait.forHttp(http.url("/health")).status(200);
 *   const run = await wait.forRun(databricks.client, runId, { intervalMs: 20_000, timeoutMs: 900_000 });
 *   await wait.forRollout(kube.clients, "default", "langfuse");
 *   await wait.until({ condition: "the marker file exists", probe, done, describe });
 */
import type { WorkspaceClient } from "@databricks/sdk-experimental";
import type { V1Deployment } from "@kubernetes/client-node";
import type { Clock } from "../clock.ts";
import type { Run } from "../databricks/run-state.ts";
import type { KubeClients } from "../k8s-cluster/kube-client.ts";
import { type PollLine, type PollOptions, pollUntil } from "../poll.ts";

export interface Budget {
  /** Time between polls (default 1 s; 20 s for runs, as the runbooks poll). */
  intervalMs?: number;
  /** The whole wait's budget (default 30 s; 900 s for runs). */
  timeoutMs?: number;
}

export interface HttpWait {
  /** Resolves with the first response whose status is `expected`; times out naming the last status seen. */
  status(expected: number | ReadonlyArray<number>): Promise<Response>;
}

export interface Waits {
  until<T>(options: Omit<PollOptions<T>, "clock" | "signal" | "intervalMs" | "timeoutMs"> & Budget): Promise<T>;
  forHttp(url: string, options?: Budget & { init?: RequestInit }): HttpWait;
  /** A Databricks run to a terminal state (runs/get every 20 s, up to 900 s by default). */
  forRun(client: WorkspaceClient, runId: number, budget?: Budget): Promise<Run>;
  /** A Deployment rolled out as `kubectl rollout status` judges it (watch, deadline). */
  forRollout(clients: KubeClients, namespace: string, name: string, budget?: Budget): Promise<V1Deployment>;
}

export interface WaitScope {
  clock: Clock;
  signal?: AbortSignal | undefined;
  onPoll?: ((line: PollLine) => void) | undefined;
}

export function createWaits(scope: WaitScope): Waits {
  const { clock, signal, onPoll } = scope;
  const until: Waits["until"] = async (options) => {
    const { intervalMs = 1_000, timeoutMs = 30_000, ...rest } = options;
    const result = await pollUntil({ ...rest, intervalMs, timeoutMs, clock, signal, onPoll });
    return result.value;
  };
  return {
    until,
    forHttp: (url, options = {}) => ({
      status: async (expected) => {
        const wanted = typeof expected === "number" ? [expected] : [...expected];
        const method = options.init?.method ?? "GET";
        const response = await until<Response>({
          condition: `${method} ${url} answers ${wanted.join(" or ")}`,
          probe: async (probeSignal) => {
            const response = await fetch(url, { ...options.init, method, signal: probeSignal ?? null });
            // An answer that is not the one waited for is not read: release its connection at once.
            if (!wanted.includes(response.status)) await response.body?.cancel();
            return response;
          },
          done: (r) => wanted.includes(r.status),
          describe: (r) => `HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ""}`,
          ...options,
        });
        return response;
      },
    }),
    forRun: async (client, runId, budget = {}) => {
      const { awaitRun } = await import("../databricks/await-run.ts");
      const timeoutMs = budget.timeoutMs ?? 900_000;
      const result = await awaitRun(client, runId, {
        clock,
        intervalMs: budget.intervalMs ?? 20_000,
        timeoutMs,
        signal,
        onPoll,
      });
      return result.value;
    },
    forRollout: async (clients, namespace, name, budget = {}) => {
      const { waitDeploymentAvailable } = await import("../k8s-cluster/deployment-check.ts");
      const timeoutMs = budget.timeoutMs ?? 300_000;
      return waitDeploymentAvailable({ clients, clock, waitTimeoutMs: timeoutMs, onPoll }, namespace, name);
    },
  };
}
