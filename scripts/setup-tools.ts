/**
 * Builds the pinned upstream tools (helm, etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubelet)
 * from the Go module proxy into the git-ignored `.tools/bin` (SMOKEBOOK_TOOLS_DIR), niced.
 *
 *   npm run setup:tools                 every tool
 *   npm run setup:tools -- helm etcd    only the named ones
 *   npm run setup:tools -- --force      rebuild even when up to date or on PATH
 *   npm run setup:tools -- --list       the pinned tools and versions
 *
 * Idempotent: a tool whose binary and version stamp match is left alone (and says so); one on PATH is used as it is.
 */
import { setupTools } from "../helpers/tools/setup-tools.ts";
import { TOOL_SPECS } from "../helpers/tools/tool-specs.ts";

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--list")) {
    for (const spec of TOOL_SPECS) console.log(`${spec.name}\t${spec.version}\t${spec.pkg}`);
    return 0;
  }
  const flags = argv.filter((a) => a.startsWith("-"));
  const unknown = flags.filter((f) => f !== "--force");
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown.join(" ")}; usage: npm run setup:tools -- [--force] [--list] [tool …]`);
    return 2;
  }
  const started = Date.now();
  try {
    const results = await setupTools(
      argv.filter((a) => !a.startsWith("-")),
      { force: flags.includes("--force"), log: (line) => console.log(line) },
    );
    const failed = results.filter((r) => r.outcome === "failed");
    const total = Math.round((Date.now() - started) / 1000);
    const counts = ["built", "up-to-date", "on-path", "failed"]
      .map((o) => `${results.filter((r) => r.outcome === o).length} ${o}`)
      .join(", ");
    console.log(`setup:tools: ${counts} in ${total} s`);
    return failed.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
