/**
 * Waits on the watch API with a deadline: list once (state + resourceVersion), then watch from that version until
 * the condition holds; when a watch ends (server timeout, 410 Gone, a dropped connection) list and watch again,
 * while the deadline allows. The server-side `timeoutSeconds` of each watch is the time left, so a live wait
 * never outlives its deadline by more than one round trip; a replay's clock advances by the recorded durations.
 * Every observation is a poll line (UTC, state, elapsed); a timeout is a PollTimeoutError naming the condition,
 * the budget and the last state seen — the same error the harness poller throws.
 */
import { type KubeConfig, type KubernetesObject, Watch } from "@kubernetes/client-node";
import { type Clock, systemClock } from "../clock.ts";
import { type PollLine, PollTimeoutError } from "../poll.ts";
import { classifyRemoteFailure, statusOf } from "../remote-errors.ts";

export interface Evaluation<R> {
  done: boolean;
  /** The observed state as logged, e.g. "observer-7d…: Pending (ContainerCreating)". */
  state: string;
  value?: R;
}

export interface WatchUntilOptions<T extends KubernetesObject, R> {
  kc: KubeConfig;
  /** What is waited for: "deployment observer-prod/observer is available". */
  condition: string;
  /** Collection path, e.g. /api/v1/namespaces/observer-prod/pods */
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>;
  evaluate: (objects: T[]) => Evaluation<R>;
  timeoutMs: number;
  clock?: Clock;
  onPoll?: (line: PollLine) => void;
  /** Longest single watch, in seconds (default 60). */
  maxWatchSeconds?: number;
}

export interface WatchResult<R> {
  value: R | undefined;
  polls: PollLine[];
  elapsedMs: number;
}

const RETRY_PAUSE_MS = 1000;

function keyOf(object: KubernetesObject): string {
  return object.metadata?.uid ?? `${object.metadata?.namespace}/${object.metadata?.name}`;
}

export async function watchUntil<T extends KubernetesObject, R>(
  options: WatchUntilOptions<T, R>,
): Promise<WatchResult<R>> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  const polls: PollLine[] = [];
  let lastState = "(not observed yet)";
  let lastLogged: string | undefined;

  const observe = (evaluation: Evaluation<R>, via: string): Evaluation<R> => {
    lastState = evaluation.state;
    if (evaluation.state !== lastLogged || evaluation.done) {
      lastLogged = evaluation.state;
      const line: PollLine = {
        utc: new Date(clock.now()).toISOString(),
        attempt: polls.length + 1,
        elapsedSeconds: Math.round((clock.now() - started) / 100) / 10,
        state: `${evaluation.state} [${via}]`,
        condition: options.condition,
      };
      polls.push(line);
      options.onPoll?.(line);
    }
    return evaluation;
  };
  const timeout = () => new PollTimeoutError(options.condition, Math.round(options.timeoutMs / 1000), lastState, polls);

  for (;;) {
    let objects: Map<string, T>;
    let resourceVersion: string | undefined;
    try {
      const listed = await options.list();
      objects = new Map(listed.items.map((o) => [keyOf(o), o]));
      resourceVersion = listed.metadata?.resourceVersion;
    } catch (error) {
      const classified = classifyRemoteFailure(error, options.condition, clock.now());
      if (classified.kind === "Permanent") throw classified;
      lastState = `transient error: ${classified.message}`;
      if (clock.now() + RETRY_PAUSE_MS > deadline) throw timeout();
      await clock.sleep(RETRY_PAUSE_MS);
      continue;
    }
    const listedEvaluation = observe(options.evaluate([...objects.values()]), "list");
    if (listedEvaluation.done) return { value: listedEvaluation.value, polls, elapsedMs: clock.now() - started };

    const remainingMs = deadline - clock.now();
    if (remainingMs <= 0) throw timeout();
    const timeoutSeconds = Math.max(1, Math.min(options.maxWatchSeconds ?? 60, Math.ceil(remainingMs / 1000)));
    const outcome = await watchOnce(options, objects, resourceVersion, timeoutSeconds, (e, via) => observe(e, via));
    if (outcome.kind === "done") return { value: outcome.evaluation.value, polls, elapsedMs: clock.now() - started };
    if (outcome.kind === "error" && statusOf(outcome.error) !== 410) {
      const classified = classifyRemoteFailure(outcome.error, `watch ${options.path}`, clock.now());
      if (classified.kind === "Permanent") throw classified;
      lastState = `transient error: ${classified.message}`;
      if (clock.now() + RETRY_PAUSE_MS > deadline) throw timeout();
      await clock.sleep(RETRY_PAUSE_MS);
    }
    if (clock.now() >= deadline) throw timeout();
  }
}

type WatchOutcome<R> =
  | { kind: "done"; evaluation: Evaluation<R> }
  | { kind: "ended" }
  | { kind: "error"; error: unknown };

/** One watch: the satisfying evaluation, or how the watch ended before it. */
function watchOnce<T extends KubernetesObject, R>(
  options: WatchUntilOptions<T, R>,
  objects: Map<string, T>,
  resourceVersion: string | undefined,
  timeoutSeconds: number,
  observe: (evaluation: Evaluation<R>, via: string) => Evaluation<R>,
): Promise<WatchOutcome<R>> {
  const watch = new Watch(options.kc);
  // Client-side inactivity guard (private in the typings, 30 s by default): a little longer than the server timeout.
  (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = (timeoutSeconds + 15) * 1000;
  const query: Record<string, string | number | boolean> = { timeoutSeconds, allowWatchBookmarks: true };
  if (resourceVersion) query.resourceVersion = resourceVersion;
  if (options.labelSelector) query.labelSelector = options.labelSelector;
  if (options.fieldSelector) query.fieldSelector = options.fieldSelector;

  return new Promise((resolve) => {
    let settled = false;
    let controller: AbortController | undefined;
    const settle = (value: WatchOutcome<R>) => {
      if (settled) return;
      settled = true;
      controller?.abort();
      resolve(value);
    };
    const onEvent = (type: string, object: T) => {
      if (settled) return;
      if (type === "ADDED" || type === "MODIFIED") objects.set(keyOf(object), object);
      else if (type === "DELETED") objects.delete(keyOf(object));
      else return; // BOOKMARK, ERROR: the next list starts over
      const evaluation = observe(options.evaluate([...objects.values()]), `watch ${type}`);
      if (evaluation.done) settle({ kind: "done", evaluation });
    };
    watch
      .watch(options.path, query, onEvent, (error: unknown) =>
        settle(error ? { kind: "error", error } : { kind: "ended" }),
      )
      .then((c) => {
        controller = c;
        if (settled) c.abort();
      })
      .catch((error: unknown) => settle({ kind: "error", error }));
  });
}
