import { describe, expect, it } from "vitest";
import { ContractViolation } from "../contract/errors.ts";
import { loadEmbeddedContract } from "../contract/load.ts";
import { expectedVariables } from "../contract/resolve.ts";
import { thrownError } from "../testing/thrown-error.ts";
import {
  evaluateDirectoryListing,
  evaluateEnvOverride,
  evaluateId,
  evaluateRestart,
  evaluateVolumeWrite,
} from "./container-evaluations.ts";

const { contract } = loadEmbeddedContract();
const dockerfile = "t/docker/Dockerfile";
const root = "/opt/platform/runtime/observer";
const dirs = { data: `${root}/data`, logs: `${root}/logs`, config: `${root}/config`, universe: `${root}/universe` };

const violation = (run: () => unknown) => thrownError(ContractViolation, run);

describe("container evaluations", { tags: ["self-test"] }, () => {
  it("id: accepts uid/gid 1000, rejects root", () => {
    expect(
      evaluateId("uid=1000(observer) gid=1000(observer) groups=1000(observer)", contract, dockerfile),
    ).toBeDefined();
    expect(violation(() => evaluateId("uid=0(root) gid=0(root)", contract, dockerfile)).message).toMatch(
      /t\/docker\/Dockerfile: USER \(effective user in the container, docker exec id\): uid=0\(root\) gid=0\(root\); expected uid=1000 gid=1000/,
    );
  });

  it("directories: names a missing and a read-only directory", () => {
    const ok = Object.values(dirs)
      .map((d) => `ok ${d}`)
      .join("\n");
    expect(evaluateDirectoryListing(ok, dirs, contract, dockerfile)).toBeDefined();
    const broken = `ok ${dirs.data}\nreadonly ${dirs.logs}\nok ${dirs.config}\nmissing ${dirs.universe}`;
    expect(violation(() => evaluateDirectoryListing(broken, dirs, contract, dockerfile)).message).toMatch(
      /RUN mkdir \(contract directories in the image\): logs is not writable by the container user .*; universe is missing/,
    );
  });

  it("env override: fails when -e did not reach the container, or the app ignores it", () => {
    const override = { name: "OBSERVER_LOG_LEVEL", value: "debug" };
    const expected = expectedVariables(contract, { OBSERVER_LOG_LEVEL: "debug" });
    const printed = JSON.stringify({ ...expected, KIS_APP_KEY: "<unset>", KIS_APP_SECRET: "<unset>" });
    expect(evaluateEnvOverride(["OBSERVER_LOG_LEVEL=debug"], printed, expected, override, dockerfile)).toBeDefined();
    expect(
      violation(() => evaluateEnvOverride(["OBSERVER_LOG_LEVEL=info"], printed, expected, override, dockerfile))
        .message,
    ).toMatch(
      /ENV OBSERVER_LOG_LEVEL \(docker exec env\): OBSERVER_LOG_LEVEL=info; expected OBSERVER_LOG_LEVEL=debug from -e/,
    );
    const ignoring = JSON.stringify({ ...expected, OBSERVER_LOG_LEVEL: "info" });
    expect(
      violation(() => evaluateEnvOverride(["OBSERVER_LOG_LEVEL=debug"], ignoring, expected, override, dockerfile))
        .message,
    ).toMatch(/OBSERVER_LOG_LEVEL: app resolves info, expected debug/);
  });

  it("volume: fails when the container user cannot write, or no records reach the host", () => {
    const seen = { dataPath: dirs.data, execExitCode: 0, execOutput: "", probeOnHost: true, recordsOnHost: 2 };
    expect(evaluateVolumeWrite(seen, dockerfile)).toEqual({ records: 2 });
    const denied = {
      ...seen,
      execExitCode: 1,
      execOutput: "sh: can't create …: Permission denied",
      probeOnHost: false,
    };
    expect(violation(() => evaluateVolumeWrite(denied, dockerfile)).message).toMatch(
      /volume at .*\/data \(docker run -v\): exit 1: sh: can't create/,
    );
    expect(violation(() => evaluateVolumeWrite({ ...seen, recordsOnHost: 0 }, dockerfile)).message).toMatch(
      /no records/,
    );
  });

  it("restart: fails when earlier records are lost", () => {
    const seen = {
      dataPath: dirs.data,
      markerWritten: "yes",
      markerInContainer: true,
      markerOnHost: true,
      recordsBefore: 3,
      recordsAfter: 5,
      earlierRecordsKept: true,
    };
    expect(evaluateRestart(seen, dockerfile)).toBeDefined();
    expect(
      violation(() => evaluateRestart({ ...seen, recordsAfter: 1, earlierRecordsKept: false }, dockerfile)).message,
    ).toMatch(/across docker restart: marker kept, records 3 → 1 \(earlier records changed or lost\)/);
  });

  it("restart: fails when the container user's marker is gone after the restart, saying where", () => {
    const seen = {
      dataPath: dirs.data,
      markerWritten: "yes",
      markerInContainer: false,
      markerOnHost: false,
      recordsBefore: 3,
      recordsAfter: 5,
      earlierRecordsKept: true,
    };
    expect(violation(() => evaluateRestart(seen, dockerfile)).message).toMatch(
      /volume at \/opt\/platform\/runtime\/observer\/data across docker restart: marker lost \(in the container: lost, on the host: lost\), records 3 → 5; expected a file the container user wrote there/,
    );
    const unwritable = { ...seen, markerWritten: "exit 1: sh: can't create …: Permission denied" };
    expect(violation(() => evaluateRestart(unwritable, dockerfile)).message).toMatch(
      /the container user could not write a marker \(exit 1: sh: can't create …: Permission denied\)/,
    );
  });
});
