/**
 * Times the smokebook Docker stage against a plain docker-CLI script doing the same checks (build, inspect, run,
 * exec, curl, volume write, restart), alternating them for a few rounds, and prints the times and the ratios.
 *
 *   npm run bench:docker [-- --rounds N]      (default 3 rounds; aim: smokebook / CLI ≤ 1.1×)
 *
 * Measured per round, each in a fresh process:
 *   stage   node scripts/bench/docker-stage-run.ts — the suite's DockerStage and check list, outside vitest
 *   vitest  vitest run --project docker suites/docker/execution-contract.test.ts — the suite end to end
 *   cli     bash scripts/bench/docker-cli-smoke.sh
 */
import { loadTargetContract } from "../helpers/contract/load.ts";
import { envDefaults, expectedPaths, overridableVariable } from "../helpers/contract/resolve.ts";
import { provideBaseImage, readBaseImage } from "../helpers/docker/base-image-source.ts";
import { fromRoot } from "../helpers/paths.ts";
import { run } from "../helpers/process/run.ts";
import { VITEST_CLI } from "../helpers/testing/child-vitest.ts";

type Kind = "stage" | "vitest" | "cli";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A field the CLI baseline needs (it replays the sample's policies in bash); missing ones are named at once. */
function must<T>(value: T | undefined, field: string, file: string): T {
  if (value === undefined) {
    throw new Error(
      `bench:docker: ${file} declares no ${field}; the CLI baseline needs the sample's policies (docker, health, app.records, app.printConfig, permissions)`,
    );
  }
  return value;
}

function cliEnv(): Record<string, string> {
  const loaded = loadTargetContract();
  const { contract, file } = loaded;
  const paths = expectedPaths(contract);
  const override = overridableVariable(contract);
  const docker = must(contract.docker, "docker", file);
  const records = must(contract.app?.records, "app.records", file);
  const printConfig = must(contract.app?.printConfig, "app.printConfig", file);
  const permissions = must(contract.permissions, "permissions", file);
  return {
    TARGET_DIR: loaded.targetDir,
    // scripts/bench/docker-cli-smoke.sh builds "$TARGET_DIR/$DOCKERFILE" with the contract's folder as context.
    DOCKERFILE: docker.dockerfile,
    BASE_IMAGE_ARG: must(docker.baseImageArg, "docker.baseImageArg", file),
    BASE_IMAGE: readBaseImage(),
    PORT: String(contract.port.number),
    HEALTH_PATH: must(contract.health, "health", file).path,
    DATA_PATH: paths.directories[records.directory] as string,
    DIRS: Object.values(paths.directories).join(" "),
    UID_: String(must(permissions.uid, "permissions.uid", file)),
    GID_: String(must(permissions.gid, "permissions.gid", file)),
    OVERRIDE: override ? `${override.name}=${override.value}` : "SMOKEBOOK_BENCH=1",
    PRINT_CONFIG: typeof printConfig === "string" ? printConfig : printConfig.join(" "),
    ENV_DEFAULTS: Object.entries(envDefaults(contract))
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  };
}

async function timed(kind: Kind, extraEnv: Record<string, string>): Promise<number> {
  const commands: Record<Kind, string[]> = {
    stage: [process.execPath, fromRoot("scripts/bench/docker-stage-run.ts")],
    vitest: [process.execPath, VITEST_CLI, "run", "--project", "docker", "suites/docker/execution-contract.test.ts"],
    cli: ["bash", fromRoot("scripts/bench/docker-cli-smoke.sh")],
  };
  const started = performance.now();
  const result = await run(commands[kind], {
    cwd: fromRoot(),
    env: { ...process.env, ...extraEnv, SMOKEBOOK_EVIDENCE_DIR: fromRoot("evidence", "bench-docker") },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.exitCode !== 0) {
    throw new Error(
      `${kind} run failed (exit ${result.exitCode}):\n${result.stdout.slice(-1500)}\n${result.stderr.slice(-1500)}`,
    );
  }
  return seconds;
}

async function main(argv: string[]): Promise<number> {
  const roundsArg = argv.indexOf("--rounds");
  const rounds = roundsArg >= 0 ? Number(argv[roundsArg + 1]) : 3;
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error("usage: node scripts/bench-docker.ts [--rounds N]");
    return 2;
  }
  const base = await provideBaseImage();
  if (!base.available) {
    console.error(base.note);
    return 1;
  }
  console.log(`base image ${base.image} (${base.origin})`);
  const env = cliEnv();
  const times: Record<Kind, number[]> = { stage: [], vitest: [], cli: [] };
  for (let round = 1; round <= rounds; round++) {
    const order: Kind[] = round % 2 === 1 ? ["stage", "cli", "vitest"] : ["cli", "vitest", "stage"];
    for (const kind of order) times[kind].push(await timed(kind, kind === "cli" ? env : {}));
    console.log(`round ${round}: ${order.map((k) => `${k} ${times[k].at(-1)?.toFixed(2)}s`).join(", ")}`);
  }
  const m = { stage: median(times.stage), vitest: median(times.vitest), cli: median(times.cli) };
  console.log("");
  console.log(`| run (median of ${rounds}) | seconds | ratio to docker CLI |`);
  console.log("| --- | --- | --- |");
  console.log(`| docker CLI script | ${m.cli.toFixed(2)} | 1.00× |`);
  console.log(
    `| smokebook Docker stage (DockerStage, fresh node process) | ${m.stage.toFixed(2)} | ${(m.stage / m.cli).toFixed(2)}× |`,
  );
  console.log(
    `| smokebook Docker suite (vitest run --project docker) | ${m.vitest.toFixed(2)} | ${(m.vitest / m.cli).toFixed(2)}× |`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
