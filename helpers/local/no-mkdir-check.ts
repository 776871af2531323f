/**
 * Local stage, B.1 rule 4 (declared with app.failsWithoutDirectories): started against a runtime root without the
 * contract directories, the app must not create them, must stop with a non-zero exit, and must say which
 * directories are missing.
 */
import { ContractViolation, NotDeclaredError } from "../contract/errors.ts";
import type { LoadedContract } from "../contract/load.ts";
import { type PollLine, PollTimeoutError, pollUntil } from "../poll.ts";
import { exitedNotFound, startApp } from "./app-process.ts";
import { freePort } from "./free-port.ts";
import { localApp } from "./local-app.ts";
import { emptyRuntimeRoot } from "./runtime-root.ts";
import { targetEnv } from "./target-env.ts";

export interface NoMkdirOptions {
  waitMs?: number;
  onPoll?: (line: PollLine) => void;
}

export async function checkNoMkdir(loaded: LoadedContract, options: NoMkdirOptions = {}) {
  const waitMs = options.waitMs ?? 10_000;
  const { contract } = loaded;
  const purpose = "that the app refuses to start without its directories (B.1 rule 4)";
  const { app, workdir, file } = localApp(loaded, purpose);
  if (!app.failsWithoutDirectories || !contract.paths) {
    throw new NotDeclaredError("app.failsWithoutDirectories", loaded.file, purpose);
  }
  const names = Object.keys(contract.paths.directories ?? {});
  await using root = emptyRuntimeRoot();
  const extra: Record<string, string> = { [contract.paths.root.env]: root.path };
  if (contract.port.env) extra[contract.port.env] = String(await freePort());
  await using running = startApp(app.start, workdir, targetEnv(contract, extra));
  const createdNow = () => root.entries().filter((name) => names.includes(name));
  // Stop watching as soon as the app exits or a contract directory appears; a created one fails at once.
  await pollUntil({
    condition: "the app exits or creates a contract directory",
    probe: async () => ({ exited: running.exit !== undefined, created: createdNow() }),
    done: (seen) => seen.exited || seen.created.length > 0,
    describe: (seen) => (seen.exited ? "exited" : `running, created: ${seen.created.join(", ") || "none"}`),
    intervalMs: 50,
    timeoutMs: waitMs,
    ...(options.onPoll ? { onPoll: options.onPoll } : {}),
  }).catch((error: unknown) => {
    if (!(error instanceof PollTimeoutError)) throw error;
  });
  // Let an app that is creating directories finish the loop, so the message lists all of them.
  if (createdNow().length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  const exit = running.exit;
  const created = createdNow();
  const violation = (field: string, actual: string) =>
    new ContractViolation({
      stage: "local",
      item: "paths",
      file,
      field,
      expected: `no directory created under the runtime root, a non-zero exit naming the missing ${names.join(", ")}`,
      actual,
    });
  if (created.length > 0) {
    throw violation(
      "runtime directories (seed 004 B.1 rule 4: the app never calls mkdir)",
      `the app created ${created.join(", ")} under ${root.path}`,
    );
  }
  if (!exit) throw violation("start without runtime directories", `still running after ${waitMs / 1000}s`);
  const missing = exitedNotFound(running);
  if (missing) throw missing;
  if (exit.code === 0) throw violation("exit status without runtime directories", "exit code 0");
  const output = `${running.stderr}\n${running.stdout}`;
  const unnamed = names.filter((name) => !output.includes(name));
  if (unnamed.length > 0) {
    throw violation("error message without runtime directories", `its output does not name ${unnamed.join(", ")}`);
  }
  return { exitCode: exit.code, message: running.stderr.trim().split("\n")[0] ?? "" };
}
