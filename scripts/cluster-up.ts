/**
 * Starts a single-node Kubernetes cluster on 127.0.0.1 (helpers/control-plane) and puts the target on it.
 *
 *   npm run cluster:up            prints the admin kubeconfig path as its FIRST line, then progress
 *   KUBECONFIG=$(npm run --silent cluster:up | head -1) kubectl get pods -A
 *
 * Needs `npm run setup:tools` (kube-apiserver, kube-controller-manager, kube-scheduler, kubelet; etcd unless
 * Debian's etcd-server is installed), containerd + runc, containernetworking-plugins, openssl, gcc, docker, kubectl.
 * `npm run cluster:down` stops it. SMOKEBOOK_CLUSTER_DIR chooses the folder.
 */
import { clusterUp } from "../helpers/control-plane/cluster-up.ts";
import { deployLangfuseStandin } from "../helpers/control-plane/langfuse-standin.ts";
import { seedTarget } from "../helpers/control-plane/seed-target.ts";

async function main(argv: string[]): Promise<number> {
  const withoutTarget = argv.includes("--no-target");
  const unknown = argv.filter((a) => a !== "--no-target");
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(" ")}; usage: npm run cluster:up [-- --no-target]`);
    return 2;
  }
  const started = Date.now();
  const log = (line: string) => console.log(line);
  try {
    const { state, reused } = await clusterUp({ log, onKubeconfig: (path) => console.log(path) });
    if (!reused && !withoutTarget) {
      await seedTarget(state, { log });
      await deployLangfuseStandin(state, log);
    }
    console.log(
      `cluster ${reused ? "already up" : "up"} in ${Math.round((Date.now() - started) / 1000)} s: KUBECONFIG=${state.kubeconfig}`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
