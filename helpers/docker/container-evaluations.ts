/**
 * What the Docker stage's container checks conclude from what they observed (exec output, host files), as pure
 * functions so self-tests can feed them broken observations. Each throws a ContractViolation naming the Dockerfile.
 */
import { ContractViolation } from "../contract/errors.ts";
import type { Contract } from "../contract/schema.ts";

function violation(
  dockerfile: string,
  item: ContractViolation["item"],
  field: string,
  expected: string,
  actual: string,
) {
  return new ContractViolation({ stage: "docker", item, file: dockerfile, field, expected, actual });
}

/** `id` output: uid=1000(observer) gid=1000(observer) … */
export function evaluateId(output: string, contract: Contract, dockerfile: string) {
  const { uid, gid } = contract.permissions;
  const seen = /uid=(\d+)(?:\([^)]*\))?\s+gid=(\d+)/.exec(output);
  if (!seen || seen[1] !== String(uid) || seen[2] !== String(gid)) {
    throw violation(
      dockerfile,
      "permissions",
      "USER (effective user in the container, docker exec id)",
      `uid=${uid} gid=${gid}`,
      output || "no output",
    );
  }
  return { id: output };
}

/** Lines "ok <path>", "missing <path>", "readonly <path>" for each contract directory. */
export function evaluateDirectoryListing(
  output: string,
  dirs: Record<string, string>,
  contract: Contract,
  dockerfile: string,
) {
  const lines = output.split("\n").filter((l) => l.trim() !== "");
  const okPaths = new Set(lines.filter((l) => l.startsWith("ok ")).map((l) => l.slice(3)));
  const problems = Object.entries(dirs)
    .filter(([, path]) => !okPaths.has(path))
    .map(([name, path]) => {
      const state = lines.find((l) => l.endsWith(` ${path}`))?.split(" ")[0];
      return `${name} ${state === "readonly" ? "is not writable by the container user" : "is missing"} (${path})`;
    });
  if (problems.length > 0) {
    throw violation(
      dockerfile,
      "paths",
      "RUN mkdir (contract directories in the image)",
      `${Object.keys(dirs).join(", ")} present and writable by uid ${contract.permissions.uid}`,
      problems.join("; "),
    );
  }
  return { directories: Object.keys(dirs) };
}

/** `env` lines of the container and the app's printConfig JSON, against the expected effective values. */
export function evaluateEnvOverride(
  envLines: ReadonlyArray<string>,
  printed: string,
  expected: Record<string, string>,
  override: { name: string; value: string },
  dockerfile: string,
) {
  if (!envLines.includes(`${override.name}=${override.value}`)) {
    const seen = envLines.find((l) => l.startsWith(`${override.name}=`)) ?? "unset";
    throw violation(
      dockerfile,
      "env",
      `ENV ${override.name} (docker exec env)`,
      `${override.name}=${override.value} from -e`,
      seen,
    );
  }
  let resolved: Record<string, unknown>;
  try {
    resolved = JSON.parse(printed.trim().split("\n").at(-1) ?? "") as Record<string, unknown>;
  } catch {
    throw violation(dockerfile, "env", "app printConfig in the container", "one JSON object", printed.slice(0, 200));
  }
  const wrong = Object.entries(expected).filter(([name, want]) => String(resolved[name]) !== want);
  if (wrong.length > 0) {
    const list = wrong.map(([name, want]) => `${name}: app resolves ${String(resolved[name])}, expected ${want}`);
    throw violation(
      dockerfile,
      "env",
      "ENV (effective values in the container)",
      "-e over Dockerfile ENV over contract default",
      list.join("; "),
    );
  }
  return { override: `${override.name}=${override.value}` };
}

export interface VolumeObservation {
  dataPath: string;
  execExitCode: number;
  execOutput: string;
  probeOnHost: boolean;
  recordsOnHost: number;
}

export function evaluateVolumeWrite(seen: VolumeObservation, dockerfile: string) {
  if (seen.execExitCode !== 0 || !seen.probeOnHost) {
    throw violation(
      dockerfile,
      "volumes",
      `volume at ${seen.dataPath} (docker run -v)`,
      "a file the container user writes there appears on the host",
      `exit ${seen.execExitCode}${seen.execOutput ? `: ${seen.execOutput}` : ""}; on host: ${seen.probeOnHost ? "yes" : "no"}`,
    );
  }
  if (seen.recordsOnHost === 0) {
    throw violation(
      dockerfile,
      "volumes",
      `volume at ${seen.dataPath} (docker run -v)`,
      "the app's records on the host",
      "no records",
    );
  }
  return { records: seen.recordsOnHost };
}

export interface RestartObservation {
  dataPath: string;
  /** "yes", or why the container user could not write the marker ("exit 1: Permission denied"). */
  markerWritten: string;
  /** The marker read back in the container after the restart. */
  markerInContainer: boolean;
  /** The marker found on the host folder mounted at the data path. */
  markerOnHost: boolean;
  recordsBefore: number;
  recordsAfter: number;
  earlierRecordsKept: boolean;
}

export function evaluateRestart(seen: RestartObservation, dockerfile: string) {
  const markerKept = seen.markerWritten === "yes" && seen.markerInContainer && seen.markerOnHost;
  if (!markerKept || !seen.earlierRecordsKept || seen.recordsAfter <= seen.recordsBefore) {
    const marker =
      seen.markerWritten !== "yes"
        ? `the container user could not write a marker (${seen.markerWritten})`
        : markerKept
          ? "marker kept"
          : `marker lost (in the container: ${seen.markerInContainer ? "kept" : "lost"}, on the host: ${seen.markerOnHost ? "kept" : "lost"})`;
    const changed = seen.earlierRecordsKept ? "" : " (earlier records changed or lost)";
    throw violation(
      dockerfile,
      "volumes",
      `volume at ${seen.dataPath} across docker restart`,
      "a file the container user wrote there and the earlier records kept, new records appended",
      `${marker}, records ${seen.recordsBefore} → ${seen.recordsAfter}${changed}`,
    );
  }
  return { records_before: seen.recordsBefore, records_after: seen.recordsAfter };
}
