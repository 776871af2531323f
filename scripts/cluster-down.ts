/**
 * Stops the cluster `npm run cluster:up` started: every process by its recorded pid, what they left (shims, pod
 * processes, mounts, the pod bridge, the kubelet's cgroups), and removes its folder; exits 1 when anything is left.
 *
 *   npm run cluster:down
 */
import { clusterDown } from "../helpers/control-plane/cluster-down.ts";

async function main(): Promise<number> {
  try {
    await clusterDown({ log: (line) => console.log(line) });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main();
