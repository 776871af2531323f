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
  const { uid, gid } = contract.permissions ?? {};
  const seen = /uid=(\d+)(?:\([^)]*\))?\s+gid=(\d+)/.exec(output);
  const wrongUid = uid !== undefined && seen?.[1] !== String(uid);
  const wrongGid = gid !== undefined && seen?.[2] !== String(gid);
  if (!seen || wrongUid || wrongGid) {
    throw violation(
      dockerfile,
      "permissions",
      "USER (effective user in the container, docker exec id)",
      [uid !== undefined ? `uid=${uid}` : "", gid !== undefined ? `gid=${gid}` : ""].filter(Boolean).join(" "),
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
      `${Object.keys(dirs).join(", ")} present and writable by ${contract.permissions?.uid !== undefined ? `uid ${contract.permissions.uid}` : "the container user"}`,
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
  /** The app's records found on the host; undefined when the contract declares no app.records. */
  recordsOnHost: number | undefined;
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
  return { records: seen.recordsOnHost ?? "not declared" };
}

export interface RestartObservation {
  dataPath: string;
  /** "yes", or why the container user could not write the marker ("exit 1: Permission denied"). */
  markerWritten: string;
  /** The marker read back in the container after the restart. */
  markerInContainer: boolean;
  /** The marker found on the host folder mounted at the data path. */
  markerOnHost: boolean;
  /** Undefined when the contract declares no app.records: only the marker is checked. */
  recordsBefore: number | undefined;
  recordsAfter: number | undefined;
  earlierRecordsKept: boolean;
}

export function evaluateRestart(seen: RestartObservation, dockerfile: string) {
  const markerKept = seen.markerWritten === "yes" && seen.markerInContainer && seen.markerOnHost;
  const records = seen.recordsBefore !== undefined && seen.recordsAfter !== undefined;
  const recordsOk = !records || (seen.earlierRecordsKept && (seen.recordsAfter ?? 0) > (seen.recordsBefore ?? 0));
  if (!markerKept || !recordsOk) {
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
      records
        ? "a file the container user wrote there and the earlier records kept, new records appended"
        : "a file the container user wrote there kept",
      records ? `${marker}, records ${seen.recordsBefore} → ${seen.recordsAfter}${changed}` : marker,
    );
  }
  return { records_before: seen.recordsBefore ?? "not declared", records_after: seen.recordsAfter ?? "not declared" };
}
