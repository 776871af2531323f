/**
 * The container-start failures of the §6.1 step 4 catalogue: a container exiting at start (CrashLoopBackOff →
 * container start) and one that cannot write its data directory (EACCES → fsGroup/runAsUser).
 */
import type { Har } from "har-format";
import { clusterRun, observerState, POD_CREATED } from "./cluster-run.ts";
import { OBSERVER } from "./workload.ts";

const CRASH_LOG = 'observer: OBSERVER_LOG_LEVEL="verbose" is not valid: expected debug, info, warn, error';

export function crashLoopCluster(): Har {
  const state = observerState({
    kind: "crashloop",
    restarts: 5,
    backOff: "2m40s",
    lastStartedAt: "2026-02-05T03:06:52Z",
    lastFinishedAt: "2026-02-05T03:06:53Z",
    exitCode: 2,
  });
  return clusterRun(
    "crashloop",
    "observer exits 2 at start (ConfigMap log level invalid): CrashLoopBackOff, 5 restarts",
    state,
    {
      podEvents: [
        {
          type: "Normal",
          reason: "Pulled",
          message: `Container image "${OBSERVER.image}" already present on machine`,
          component: "kubelet",
          count: 6,
          first: POD_CREATED,
          last: "2026-02-05T03:06:51Z",
        },
        {
          type: "Warning",
          reason: "BackOff",
          message:
            "Back-off restarting failed container observer in pod observer-6c9f7d5b8d-x7k2p_observer-prod(7e5c1f3a-93d2-4b71-a0c8-2f6d1e9b4a55)",
          component: "kubelet",
          count: 23,
          first: "2026-02-05T00:58:40Z",
          last: "2026-02-05T03:09:31Z",
        },
      ],
      log: CRASH_LOG,
      previousLog: CRASH_LOG,
    },
  );
}

const EACCES_LOG = [
  "node:fs:2425",
  "    return binding.writeFileUtf8(",
  "                   ^",
  "",
  "Error: EACCES: permission denied, open '/opt/platform/runtime/observer/data/observations.jsonl'",
  "    at Object.appendFileSync (node:fs:2464:10)",
  "    at appendRecord (file:///app/src/records.mjs:14:3)",
  "    at main (file:///app/src/main.mjs:47:3)",
  "    at file:///app/src/main.mjs:80:1 {",
  "  errno: -13,",
  "  code: 'EACCES',",
  "  syscall: 'open',",
  "  path: '/opt/platform/runtime/observer/data/observations.jsonl'",
  "}",
  "",
  "Node.js v24.21.0",
  "",
].join("\n");

export function permissionDeniedCluster(): Har {
  const state = observerState({
    kind: "crashloop",
    restarts: 4,
    backOff: "1m20s",
    lastStartedAt: "2026-02-05T03:08:31Z",
    lastFinishedAt: "2026-02-05T03:08:32Z",
    exitCode: 1,
  });
  return clusterRun(
    "permission-denied",
    "observer cannot write its data dir on the PVC (EACCES): CrashLoopBackOff",
    state,
    {
      podEvents: [
        {
          type: "Warning",
          reason: "BackOff",
          message:
            "Back-off restarting failed container observer in pod observer-6c9f7d5b8d-x7k2p_observer-prod(7e5c1f3a-93d2-4b71-a0c8-2f6d1e9b4a55)",
          component: "kubelet",
          count: 17,
          first: "2026-02-05T00:58:40Z",
          last: "2026-02-05T03:09:12Z",
        },
      ],
      log: EACCES_LOG,
      previousLog: EACCES_LOG,
    },
  );
}
