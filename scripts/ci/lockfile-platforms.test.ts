import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../../helpers/paths.ts";
import { type Lockfile, missingPlatformEntries, platformOf } from "./lockfile-platforms.ts";

describe("package-lock.json platform entries", () => {
  it("has an entry for every optional platform binary, so npm ci accepts it on a fresh machine", () => {
    const lock = JSON.parse(readFileSync(fromRoot("package-lock.json"), "utf8")) as Lockfile;
    expect(missingPlatformEntries(lock).map((m) => m.path)).toEqual([]);
  });

  it("self-test: a lock without the darwin binary is caught, with the platform read from the name", () => {
    const lock: Lockfile = {
      packages: {
        "node_modules/@biomejs/biome": {
          version: "2.6.8",
          dev: true,
          optionalDependencies: { "@biomejs/cli-darwin-arm64": "2.6.8" },
        },
      },
    };
    expect(missingPlatformEntries(lock)).toEqual([
      {
        path: "node_modules/@biomejs/cli-darwin-arm64",
        entry: { version: "2.6.8", dev: true, optional: true, os: ["darwin"], cpu: ["arm64"] },
      },
    ]);
    expect(platformOf("@duckdb/node-bindings-linux-arm64-musl")).toEqual({
      os: ["linux"],
      cpu: ["arm64"],
      libc: ["musl"],
    });
  });
});
