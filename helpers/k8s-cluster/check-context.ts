/** What every live K8s check runs with: the cluster, the target, the clock its waits run on, the poll trail. */
import type { Clock } from "../clock.ts";
import type { PollLine } from "../poll.ts";
import type { KubeClients } from "./kube-client.ts";
import type { ClusterTarget } from "./target.ts";

/** What a watch-based wait needs. */
export interface WaitContext {
  clients: KubeClients;
  clock: Clock;
  /** Deadline of each watch-based wait, and the retry budget of each one-shot read (read-retry.ts). */
  waitTimeoutMs: number;
  /** Absolute time (on `clock`) after which no one-shot read is retried; default: each read's start + waitTimeoutMs. */
  deadline?: number;
  onPoll?: (line: PollLine) => void;
}

export interface CheckContext extends WaitContext {
  target: ClusterTarget;
}
