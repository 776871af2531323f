import { describe, expect, it } from "vitest";
import { loadEmbeddedContract } from "./load.ts";
import { envDefaults, expectedPaths, expectedVariables, overridableVariable } from "./resolve.ts";

const { contract } = loadEmbeddedContract();

describe("contract resolution (B.2 precedence)", () => {
  it("falls back to the contract defaults", () => {
    expect(expectedPaths(contract).directories.data).toBe("/opt/platform/runtime/observer/data");
    expect(expectedVariables(contract).SERVICE_PORT).toBe("8000");
    expect(expectedVariables(contract).KIS_APP_KEY).toBe("<unset>");
  });

  it("lets the root move every directory and a directory variable win over the root", () => {
    const env = { OBSERVER_RUNTIME_ROOT: "/srv/o", OBSERVER_LOG_DIR: "/var/log/o" };
    expect(expectedPaths(contract, env).directories).toEqual({
      data: "/srv/o/data",
      logs: "/var/log/o",
      config: "/srv/o/config",
      universe: "/srv/o/universe",
    });
  });

  it("lists the Dockerfile ENV defaults and a variable to override with -e", () => {
    expect(Object.keys(envDefaults(contract))).not.toContain("KIS_APP_KEY");
    expect(overridableVariable(contract)).toEqual({ name: "OBSERVER_LOG_LEVEL", value: "debug" });
  });
});
