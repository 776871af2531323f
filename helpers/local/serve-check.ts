/**
 * Local stage, port and records: the app started as a real process against a runtime root holding the contract
 * directories answers GET <health path> with the contract status on the contract port, and appends JSONL records
 * under the records directory. When the contract port is taken on this machine, the port variable moves it (the
 * default port itself is proven by the env precedence check). Records outside the records directory, and anything
 * beside the contract directories, fail it.
 */
import { join } from "node:path";
import { ContractViolation } from "../contract/errors.ts";
import { waitForHealth } from "../contract/health-probe.ts";
import { type LoadedContract, targetFile } from "../contract/load.ts";
import { countRecords, readRecords } from "../contract/records.ts";
import type { PollLine } from "../poll.ts";
import { pollUntil } from "../poll.ts";
import { startApp } from "./app-process.ts";
import { freePort, isPortFree } from "./free-port.ts";
import { targetEnv } from "./run-command.ts";
import { runtimeRootWithDirectories } from "./runtime-root.ts";
import { strayFiles } from "./stray-files.ts";

export interface ServeOptions {
  timeoutMs?: number;
  /** "contract" (default): the contract port when it is free here; "free": always a free port (self-tests). */
  port?: "contract" | "free";
  onPoll?: (line: PollLine) => void;
}

export async function checkServeAndRecords(loaded: LoadedContract, options: ServeOptions = {}) {
  const { contract, targetDir } = loaded;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const file = targetFile(loaded, contract.app.source);
  await using root = runtimeRootWithDirectories(contract);
  const contractPortFree = options.port !== "free" && (await isPortFree(contract.port.number));
  const port = contractPortFree ? contract.port.number : await freePort();
  const extra: Record<string, string> = { [contract.paths.root.env]: root.path };
  if (!contractPortFree) extra[contract.port.env] = String(port);
  await using app = startApp(contract.app.start, targetDir, targetEnv(contract, extra));
  const url = `http://127.0.0.1:${port}${contract.health.path}`;
  const alive = () =>
    app.exit ? `the app exited (code ${app.exit.code}): ${app.stderr.trim().slice(0, 300)}` : undefined;
  try {
    await waitForHealth({
      url,
      status: contract.health.status,
      timeoutMs,
      alive,
      ...(options.onPoll ? { onPoll: options.onPoll } : {}),
    });
  } catch (error) {
    throw new ContractViolation(
      {
        stage: "local",
        item: "health",
        file,
        field: `GET ${contract.health.path} on port ${port} (contract health, port)`,
        expected: `HTTP ${contract.health.status}`,
        actual: (error as Error).message,
      },
      error,
    );
  }
  const dataDir = join(root.path, contract.app.records.directory);
  const pattern = contract.app.records.pattern;
  try {
    await pollUntil({
      condition: `a record in ${contract.app.records.directory}/${pattern}`,
      probe: async () => countRecords(readRecords(dataDir, pattern)),
      done: (count) => count > 0,
      describe: (count) => `${count} records`,
      intervalMs: 100,
      timeoutMs: 5000,
      ...(options.onPoll ? { onPoll: options.onPoll } : {}),
    });
  } catch (error) {
    throw new ContractViolation(
      {
        stage: "local",
        item: "paths",
        file,
        field: `records in ${contract.app.records.directory}/ (contract app.records)`,
        expected: `JSONL records matching ${pattern}`,
        actual: (error as Error).message,
      },
      error,
    );
  }
  // Stopped first, so whatever it writes until it exits (a stop record) counts too.
  await app.stop();
  const records = readRecords(dataDir, pattern);
  const stray = strayFiles(root.path, contract);
  if (stray.length > 0) {
    throw new ContractViolation({
      stage: "local",
      item: "paths",
      file,
      field: `records outside ${contract.app.records.directory}/ (contract app.records, paths.directories)`,
      expected: `records only in ${contract.app.records.directory}/, nothing beside the contract directories`,
      actual: `the app wrote ${stray.join(", ")} under the runtime root ${root.path}`,
    });
  }
  return { port, contractPortFree, pid: app.child.pid, records: countRecords(records) };
}
