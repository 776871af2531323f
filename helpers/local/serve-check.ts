/**
 * Local stage, port and records: the app started as a real process (against a runtime root holding the contract
 * directories, when the contract declares paths) answers GET <health path> with the contract status on the contract
 * port, and — when the contract declares app.records — appends JSONL records under the records directory and nowhere
 * else. When the contract port is taken on this machine, the port variable (port.env) moves it; without one, that is
 * an environment problem. A start command whose program is not installed is one too.
 */
import { join } from "node:path";
import { ContractViolation, declared, EnvironmentProblemError } from "../contract/errors.ts";
import { waitForHealth } from "../contract/health-probe.ts";
import type { LoadedContract } from "../contract/load.ts";
import { countRecords, readRecords } from "../contract/records.ts";
import type { PollLine } from "../poll.ts";
import { pollUntil } from "../poll.ts";
import { exitedNotFound, startApp } from "./app-process.ts";
import { freePort, isPortFree } from "./free-port.ts";
import { localApp } from "./local-app.ts";
import { runtimeRootWithDirectories } from "./runtime-root.ts";
import { strayFiles } from "./stray-files.ts";
import { targetEnv } from "./target-env.ts";

export interface ServeOptions {
  timeoutMs?: number;
  /** "contract" (default): the contract port when it is free here; "free": always a free port (self-tests). */
  port?: "contract" | "free";
  onPoll?: (line: PollLine) => void;
}

async function choosePort(loaded: LoadedContract, mode: ServeOptions["port"]) {
  const { port } = loaded.contract;
  const free = mode !== "free" && (await isPortFree(port.number));
  if (free) return { port: port.number, contractPortFree: true };
  if (port.env === undefined) {
    throw new EnvironmentProblemError(
      `port ${port.number} is taken on this machine and ${loaded.file} declares no port.env to move the app elsewhere; free the port, or declare port.env`,
    );
  }
  return { port: await freePort(), contractPortFree: false };
}

export async function checkServeAndRecords(loaded: LoadedContract, options: ServeOptions = {}) {
  const { contract } = loaded;
  const { app, workdir, file } = localApp(loaded, "that the app serves its health endpoint");
  const health = declared(contract.health, "health", loaded.file, "that the app serves its health endpoint");
  const timeoutMs = options.timeoutMs ?? 20_000;
  await using root = runtimeRootWithDirectories(contract);
  const { port, contractPortFree } = await choosePort(loaded, options.port);
  const extra: Record<string, string> = contract.paths ? { [contract.paths.root.env]: root.path } : {};
  if (!contractPortFree && contract.port.env) extra[contract.port.env] = String(port);
  await using running = startApp(app.start, workdir, targetEnv(contract, extra));
  const url = `http://127.0.0.1:${port}${health.path}`;
  const alive = () =>
    running.exit ? `the app exited (code ${running.exit.code}): ${running.stderr.trim().slice(0, 300)}` : undefined;
  try {
    await waitForHealth({
      url,
      status: health.status,
      timeoutMs,
      alive,
      ...(options.onPoll ? { onPoll: options.onPoll } : {}),
    });
  } catch (error) {
    const missing = exitedNotFound(running);
    if (missing) throw missing;
    throw new ContractViolation(
      {
        stage: "local",
        item: "health",
        file,
        field: `GET ${health.path} on port ${port} (contract health, port)`,
        expected: `HTTP ${health.status}`,
        actual: (error as Error).message,
      },
      error,
    );
  }
  const records = app.records;
  if (records) {
    const dataDir = join(root.path, records.directory);
    try {
      await pollUntil({
        condition: `a record in ${records.directory}/${records.pattern}`,
        probe: async () => countRecords(readRecords(dataDir, records.pattern)),
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
          field: `records in ${records.directory}/ (contract app.records)`,
          expected: `JSONL records matching ${records.pattern}`,
          actual: (error as Error).message,
        },
        error,
      );
    }
  }
  // Stopped first, so whatever it writes until it exits (a stop record) counts too.
  const stopped = await running.stop();
  const stray = contract.paths ? strayFiles(root.path, contract) : [];
  if (stray.length > 0) {
    throw new ContractViolation({
      stage: "local",
      item: "paths",
      file,
      field: `records outside ${records?.directory ?? "the contract directories"}/ (contract app.records, paths.directories)`,
      expected: `records only in ${records?.directory}/, nothing beside the contract directories`,
      actual: `the app wrote ${stray.join(", ")} under the runtime root ${root.path}`,
    });
  }
  const written = records
    ? countRecords(readRecords(join(root.path, records.directory), records.pattern))
    : "not declared";
  return { port, contractPortFree, pid: running.pid, records: written, killed: stopped.killed };
}
