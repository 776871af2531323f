/**
 * Serves a recorded Kubernetes scenario on 127.0.0.1 and prints the path of a kubeconfig pointing at it, so an
 * operator (or a test) can look at the recording with kubectl:
 *
 *   npm run replay:k8s -- crashloop            # first stdout line: /tmp/smokebook-k8s-replay-…/kubeconfig
 *   KUBECONFIG=<that path> kubectl get pods     (set KUBECACHEDIR to a temp dir to keep ~/.kube/cache clean)
 *   npm run replay:k8s -- --list               # the scenarios
 *
 * Runs until SIGINT/SIGTERM (or stdin closes, when --until-stdin-closes is given), then removes the kubeconfig and
 * prints what it served to stderr. The answers come from the recording; a request it lacks gets a 400 naming it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { K8S_SCENARIOS, scenarioNamed } from "../helpers/k8s-replay/scenarios.ts";
import { startK8sReplay } from "../helpers/k8s-replay/start-replay.ts";

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));

if (args.includes("--list") || name === undefined) {
  for (const s of K8S_SCENARIOS) console.log(`${s.name.padEnd(28)} ${s.recording}  ${s.summary}`);
  if (name === undefined && !args.includes("--list")) {
    console.error("usage: node scripts/replay-k8s.ts <scenario> [--until-stdin-closes]   (--list for the scenarios)");
    process.exitCode = 2;
  }
} else {
  let scenario: ReturnType<typeof scenarioNamed>;
  try {
    scenario = scenarioNamed(name);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-replay-"));
  const replay = await startK8sReplay(scenario.recording, { dir });
  console.log(replay.kubeconfigPath);
  console.error(`replaying ${scenario.recording} (${scenario.summary}) at ${replay.server.url}`);
  console.error(`  KUBECONFIG=${replay.kubeconfigPath} KUBECACHEDIR=${join(dir, "cache")} kubectl get pods`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const unmatched = replay.server.unmatched();
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
    console.error(
      `served ${replay.server.served.length} request(s); not in the recording: ${unmatched.length === 0 ? "none" : unmatched.join(", ")}`,
    );
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (args.includes("--until-stdin-closes")) {
    process.stdin.resume();
    process.stdin.on("end", stop);
  }
}
