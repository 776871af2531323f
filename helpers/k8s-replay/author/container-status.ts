/** core/v1 ContainerStatus of the workload's container in each pod state the scenarios need. */
import type { PodInit } from "./pods.ts";
import { digestFor, uidFor } from "./timeline.ts";

export function containerStatus(init: PodInit, name: string) {
  const w = init.workload;
  const base = {
    name: w.container,
    image: w.image,
    imageID: w.imageId,
    containerID: `containerd://${digestFor(`${name}-c`)}`,
  };
  const s = init.state;
  switch (s.kind) {
    case "running":
      return {
        ...base,
        state: { running: { startedAt: s.startedAt } },
        lastState: {},
        ready: true,
        restartCount: 0,
        started: true,
      };
    case "crashloop":
      return {
        ...base,
        state: {
          waiting: {
            reason: "CrashLoopBackOff",
            message: `back-off ${s.backOff} restarting failed container=${w.container} pod=${name}_${w.namespace}(${uidFor(name)})`,
          },
        },
        lastState: {
          terminated: {
            exitCode: s.exitCode,
            reason: "Error",
            startedAt: s.lastStartedAt,
            finishedAt: s.lastFinishedAt,
            containerID: base.containerID,
          },
        },
        ready: false,
        restartCount: s.restarts,
        started: false,
      };
    case "image-pull-backoff":
      return {
        name: w.container,
        image: w.image,
        imageID: "",
        state: { waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${w.image}"` } },
        lastState: {},
        ready: false,
        restartCount: 0,
        started: false,
      };
    case "container-creating":
      return {
        name: w.container,
        image: w.image,
        imageID: "",
        state: { waiting: { reason: "ContainerCreating" } },
        lastState: {},
        ready: false,
        restartCount: 0,
        started: false,
      };
    case "unschedulable":
      return undefined;
  }
}
