/**
 * Serves a recorded Kubernetes scenario on 127.0.0.1 and prints the path of a kubeconfig pointing at it, so an
 * operator (or a test) can look at the recording with kubectl:
 *
 *   npm run replay:k8s -- crashloop            # first stdout line: /tmp/smokebook-k8s-replay-…/kubeconfig
 *   KUBECONFIG=<that path> kubectl get pods     (set KUBECACHEDIR to a temp dir to keep ~/.kube/cache clean)
 *   npm run replay:k8s -- --list               # the scenarios
 *
 * Runs until SIGINT, SIGTERM or SIGHUP, until its parent exits (`npm run` forwards SIGTERM to the shell it started,
 * not to node: without this watch a killed `npm run` would leave the server behind), or until stdin closes when
 * --until-stdin-closes is given. Then it stops the server, removes the kubeconfig folder and prints what it served to
 * stderr. The answers come from the recording; a request it lacks gets a 400 naming it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { K8S_SCENARIOS, type K8sScenario, scenarioNamed } from "../helpers/k8s-replay/scenarios.ts";
import { startK8sReplay } from "../helpers/k8s-replay/start-replay.ts";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const PARENT_CHECK_MS = 500;
/** Stopping never hangs: past this the process exits anyway (the folder is removed first). */
const STOP_LIMIT_MS = 5000;

async function serve(scenario: K8sScenario, untilStdinCloses: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-replay-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // A signal while the server starts still removes the folder (and exits, as the default action would).
  const early = () => {
    removeDir();
    process.exit(1);
  };
  for (const signal of STOP_SIGNALS) process.once(signal, early);
  const replay = await startK8sReplay(scenario.recording, { dir });
  for (const signal of STOP_SIGNALS) process.off(signal, early);

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), STOP_LIMIT_MS).unref();
    const unmatched = replay.server.unmatched();
    await replay.close();
    removeDir();
    console.error(
      `stopped (${why}); served ${replay.server.served.length} request(s); not in the recording: ${unmatched.length === 0 ? "none" : unmatched.join(", ")}`,
    );
    process.exit(0);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => void stop(signal));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(`parent process ${parent} exited`);
  }, PARENT_CHECK_MS).unref();
  if (untilStdinCloses) {
    process.stdin.resume();
    process.stdin.on("end", () => void stop("stdin closed"));
  }

  console.log(replay.kubeconfigPath);
  console.error(`replaying ${scenario.recording} (${scenario.summary}) at ${replay.server.url}`);
  console.error(`  KUBECONFIG=${replay.kubeconfigPath} KUBECACHEDIR=${join(dir, "cache")} kubectl get pods`);
}

// A reader that went away (the terminal or the parent closed the pipe) must not crash the cleanup.
process.stdout.on("error", () => undefined);
process.stderr.on("error", () => undefined);

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));

if (args.includes("--list") || name === undefined) {
  for (const s of K8S_SCENARIOS) console.log(`${s.name.padEnd(28)} ${s.recording}  ${s.summary}`);
  if (name === undefined && !args.includes("--list")) {
    console.error("usage: node scripts/replay-k8s.ts <scenario> [--until-stdin-closes]   (--list for the scenarios)");
    process.exitCode = 2;
  }
} else {
  let scenario: K8sScenario;
  try {
    scenario = scenarioNamed(name);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  await serve(scenario, args.includes("--until-stdin-closes"));
}
