/**
 * Docker stage checks on a running container (seed 004 §3.2, §6.2 "컨테이너 문제 판별"): effective user, contract
 * directories, env injection, the host volume at the data path, /health through the mapped port, restart. They
 * observe through `docker exec` and the host folder; container-evaluations.ts decides.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { CheckNotApplicableError, ContractViolation, declared, StageBlockedError } from "../contract/errors.ts";
import { countRecords, type RecordFile, readRecords } from "../contract/records.ts";
import { expectedPaths, expectedVariables } from "../contract/resolve.ts";
import { registerContractSecretsFromLines } from "../contract/secrets.ts";
import { type PollLine, pollUntil } from "../poll.ts";
import {
  evaluateDirectoryListing,
  evaluateEnvOverride,
  evaluateId,
  evaluateRestart,
  evaluateVolumeWrite,
} from "./container-evaluations.ts";
import type { DockerStage } from "./docker-stage.ts";
import { imageEnv } from "./image-checks.ts";

export interface ContainerCheckOptions {
  /** Receives every poll of a wait smokebook runs itself (for the evidence). */
  onPoll?: (line: PollLine) => void;
}

/** The declared policy, or a "not declared" skip naming the contract field. */
const need = <T>(stage: DockerStage, value: T | undefined, field: string, purpose: string): T =>
  declared(value, field, stage.loaded.file, purpose);

/** The records the app appends (app.records), for the volume checks. */
function records(stage: DockerStage) {
  return need(stage, stage.contract.app?.records, "app.records", "that the app's records survive on the volume");
}

/** The host folder bind-mounted at the data path (a persistent volume must be declared). */
function hostData(stage: DockerStage): { host: string; dataPath: string } {
  const dataPath = need(stage, stage.dataPath, "volumes.persistent", "a host volume at the data path");
  if (stage.hostDataDir === undefined)
    throw new StageBlockedError("not checked: no host folder is mounted (the container did not start)");
  return { host: stage.hostDataDir, dataPath };
}

/** A command as argv for docker exec: a string runs through /bin/sh -c. */
const argvOf = (command: string | string[]) => (typeof command === "string" ? ["/bin/sh", "-c", command] : command);

async function exec(stage: DockerStage, command: string[]) {
  const result = await stage.container().exec(command);
  return { exitCode: result.exitCode, output: result.output.trim() };
}

/** `docker exec <c> id`: uid=1000(observer) gid=1000(observer). */
export async function checkEffectiveUser(stage: DockerStage) {
  need(stage, stage.contract.permissions, "permissions", "the container's effective user");
  return evaluateId((await exec(stage, ["id"])).output, stage.contract, stage.dockerfile);
}

/** `docker exec <c> ls`: every contract directory exists and the container user can write it. */
export async function checkDirectories(stage: DockerStage) {
  need(stage, stage.contract.paths?.directories, "paths.directories", "the directories in the container");
  const dirs = expectedPaths(stage.contract, imageEnv(stage.imageConfig())).directories;
  const script =
    'for d in "$@"; do if [ ! -d "$d" ]; then echo "missing $d"; elif [ ! -w "$d" ]; then echo "readonly $d"; else echo "ok $d"; fi; done';
  const { output } = await exec(stage, ["/bin/sh", "-c", script, "sh", ...Object.values(dirs)]);
  return evaluateDirectoryListing(output, dirs, stage.contract, stage.dockerfile);
}

/** `docker run -e` wins over the Dockerfile ENV: in the container's env and in what the app resolves. */
export async function checkEnvOverride(stage: DockerStage) {
  const printConfig = need(
    stage,
    stage.contract.app?.printConfig,
    "app.printConfig",
    "what the app resolves under docker run -e",
  );
  const override = stage.override;
  if (!override) {
    throw new CheckNotApplicableError(
      `not checked: no configmap variable of ${stage.loaded.file} declares values (env[].values) other than its default, so there is nothing to inject with docker run -e; declare them to check the override`,
    );
  }
  const envLines = (await exec(stage, ["env"])).output.split("\n");
  registerContractSecretsFromLines(stage.contract, envLines);
  const printed = (await exec(stage, argvOf(printConfig))).output;
  const expected = expectedVariables(stage.contract, {
    ...imageEnv(stage.imageConfig()),
    [override.name]: override.value,
  });
  return evaluateEnvOverride(envLines, printed, expected, override, stage.dockerfile);
}

/** A host folder bind-mounted at the data path is writable by the container user; the files appear on the host. */
export async function checkVolumeWrite(stage: DockerStage) {
  const { host, dataPath } = hostData(stage);
  const pattern = stage.contract.app?.records?.pattern;
  const probe = `smokebook-probe-${stage.runId}`;
  const written = await exec(stage, ["/bin/sh", "-c", 'echo smokebook > "$1/$2"', "sh", dataPath, probe]);
  const result = evaluateVolumeWrite(
    {
      dataPath,
      execExitCode: written.exitCode,
      execOutput: written.output,
      probeOnHost: existsSync(join(host, probe)),
      recordsOnHost: pattern === undefined ? undefined : countRecords(readRecords(host, pattern)),
    },
    stage.dockerfile,
  );
  return { host_dir: host, ...result };
}

/** GET /health answers the contract status through the mapped port. */
export async function checkHealth(stage: DockerStage) {
  const health = need(stage, stage.contract.health, "health", "the health endpoint");
  const url = stage.healthUrl();
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (response.status !== health.status) {
    throw new ContractViolation({
      stage: "docker",
      item: "health",
      file: stage.dockerfile,
      field: `GET ${health.path} through the mapped port`,
      expected: `HTTP ${health.status} (contract health.status)`,
      actual: `HTTP ${response.status}`,
    });
  }
  return { url, status: response.status };
}

function prefixKept(before: ReadonlyArray<RecordFile>, after: ReadonlyArray<RecordFile>): boolean {
  return before.every((f) => {
    const now = after.find((a) => a.file === f.file);
    return now !== undefined && JSON.stringify(now.records.slice(0, f.records.length)) === JSON.stringify(f.records);
  });
}

/**
 * Data written before a container restart is there after it: a marker the container user writes at the data path
 * (docker exec) is read back in the container and found on the host after `docker restart`, and the app appends to
 * its records instead of starting over. Smokebook waits (polls, reported through `onPoll`) for the app's first
 * record after the restart.
 */
export async function checkRestartKeepsData(stage: DockerStage, options: ContainerCheckOptions = {}) {
  const { host, dataPath } = hostData(stage);
  const { directory, pattern } = records(stage);
  const name = `smokebook-before-restart-${stage.runId}`;
  const token = `written by the container user before the restart of ${stage.runId}`;
  const inContainer = posix.join(dataPath, name);
  const written = await exec(stage, ["/bin/sh", "-c", 'printf "%s\\n" "$1" > "$2"', "sh", token, inContainer]);
  const before = readRecords(host, pattern);
  await stage.container().restart({ timeout: 5000 });
  const after = await pollUntil({
    condition: `the app appends a record in ${directory}/${pattern} after the restart`,
    probe: async () => readRecords(host, pattern),
    done: (files) => countRecords(files) > countRecords(before) || !prefixKept(before, files),
    describe: (files) => `${countRecords(files)} records (${countRecords(before)} before the restart)`,
    intervalMs: 100,
    timeoutMs: 10_000,
    ...(options.onPoll ? { onPoll: options.onPoll } : {}),
  }).then(
    (result) => result.value,
    () => readRecords(host, pattern),
  );
  const readBack = await exec(stage, ["cat", inContainer]);
  const hostFile = join(host, name);
  return evaluateRestart(
    {
      dataPath,
      markerWritten: written.exitCode === 0 ? "yes" : `exit ${written.exitCode}: ${written.output}`,
      markerInContainer: readBack.exitCode === 0 && readBack.output === token,
      markerOnHost: existsSync(hostFile) && readFileSync(hostFile, "utf8").trim() === token,
      recordsBefore: countRecords(before),
      recordsAfter: countRecords(after),
      earlierRecordsKept: prefixKept(before, after),
    },
    stage.dockerfile,
  );
}
