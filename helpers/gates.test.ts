import { describe, expect, it } from "vitest";
import { EnvValueError } from "./errors.ts";
import { decideMode, liveBlocker, readSmokebookMode, readSwitch, type SmokeDefinition } from "./gates.ts";

const smoke: SmokeDefinition = {
  name: "DEV-019 watchdog serverless smoke",
  gate: "RUN_DEV019_WATCHDOG_SMOKE",
  credentials: [["DATABRICKS_HOST", "DATABRICKS_TOKEN"], ["DATABRICKS_CONFIG_PROFILE"]],
  recordings: ["fixtures/dev019-watchdog/pass.har"],
};
const live = { RUN_DEV019_WATCHDOG_SMOKE: "1", DATABRICKS_HOST: "http://127.0.0.1:1", DATABRICKS_TOKEN: "t0ken" };
const haveRecordings = () => true;
const noRecordings = () => false;

describe("readSwitch", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["0", false],
    ["1", true],
  ])("%j → %s", (value, expected) => {
    expect(readSwitch({ RUN_X: value }, "RUN_X")).toBe(expected);
  });

  it.each(["yes", "true ", "true", " 1", "on", "2"])("rejects %j naming the variable", (value) => {
    const attempt = () => readSwitch({ RUN_DEV019_WATCHDOG_SMOKE: value }, "RUN_DEV019_WATCHDOG_SMOKE");
    expect(attempt).toThrow(EnvValueError);
    expect(attempt).toThrow(
      `RUN_DEV019_WATCHDOG_SMOKE=${JSON.stringify(value)} is not allowed: expected 1, 0 or unset`,
    );
  });
});

describe("readSmokebookMode", () => {
  it("defaults to auto and rejects unknown modes by name", () => {
    expect(readSmokebookMode({})).toBe("auto");
    expect(() => readSmokebookMode({ SMOKEBOOK_MODE: "offline" })).toThrow(
      /SMOKEBOOK_MODE="offline".*auto, live, replay, record/,
    );
  });
});

describe("liveBlocker", () => {
  it("names the gate when it is off", () => {
    expect(liveBlocker(smoke, {})).toMatch(/^RUN_DEV019_WATCHDOG_SMOKE is not 1/);
  });
  it("names the missing credential and what live mode needs", () => {
    expect(liveBlocker(smoke, { RUN_DEV019_WATCHDOG_SMOKE: "1", DATABRICKS_HOST: "h" })).toBe(
      "DATABRICKS_TOKEN is not set (live mode needs DATABRICKS_HOST and DATABRICKS_TOKEN, or DATABRICKS_CONFIG_PROFILE)",
    );
  });
  it("accepts any complete alternative", () => {
    expect(liveBlocker(smoke, live)).toBeUndefined();
    expect(liveBlocker(smoke, { RUN_DEV019_WATCHDOG_SMOKE: "1", DATABRICKS_CONFIG_PROFILE: "dev" })).toBeUndefined();
  });
});

describe("liveRequirement", () => {
  const cluster: SmokeDefinition = {
    name: "K8s cluster smoke",
    gate: "RUN_K8S_CLUSTER_SMOKE",
    credentials: [],
    recordings: ["fixtures/k8s-cluster/healthy.har"],
    liveRequirement: (env) =>
      env.KUBECONFIG === "/ok" ? undefined : `no kubeconfig at ${env.KUBECONFIG ?? "~/.kube/config"} (set KUBECONFIG)`,
  };
  it("self-test: a missing kubeconfig blocks live, so auto replays with a note that names it", () => {
    const decision = decideMode(cluster, { RUN_K8S_CLUSTER_SMOKE: "1" }, haveRecordings);
    expect(decision).toEqual({ run: "replay", liveSkipNote: "no kubeconfig at ~/.kube/config (set KUBECONFIG)" });
  });
  it("lets live run when it is met", () => {
    expect(decideMode(cluster, { RUN_K8S_CLUSTER_SMOKE: "1", KUBECONFIG: "/ok" }, haveRecordings)).toEqual({
      run: "live",
    });
  });
  it("is an alternative to incomplete credentials (a ~/.databrickscfg DEFAULT profile)", () => {
    const withProfile = {
      ...smoke,
      liveRequirement: (env: Record<string, string | undefined>) => (env.HOME === "/h" ? undefined : "no profile"),
    };
    expect(liveBlocker(withProfile, { RUN_DEV019_WATCHDOG_SMOKE: "1", HOME: "/h" })).toBeUndefined();
    expect(liveBlocker(withProfile, { RUN_DEV019_WATCHDOG_SMOKE: "1" })).toMatch(
      /^DATABRICKS_HOST and DATABRICKS_TOKEN are not set/,
    );
  });
});

describe("decideMode", () => {
  it("auto: live when gate and credentials are there", () => {
    expect(decideMode(smoke, live, haveRecordings)).toEqual({ run: "live" });
  });
  it("auto: replay with the live skip note when the gate is off", () => {
    const decision = decideMode(smoke, {}, haveRecordings);
    expect(decision.run).toBe("replay");
    expect(decision.liveSkipNote).toMatch(/RUN_DEV019_WATCHDOG_SMOKE is not 1/);
  });
  it("auto: skip naming both the gate and the missing recording", () => {
    const decision = decideMode(smoke, {}, noRecordings);
    expect(decision).toMatchObject({ run: "skip" });
    expect(decision.run === "skip" && decision.note).toMatch(
      /is not 1.*fixtures\/dev019-watchdog\/pass.har is missing/,
    );
  });
  it("live never falls back to replay", () => {
    const decision = decideMode(smoke, { SMOKEBOOK_MODE: "live" }, haveRecordings);
    expect(decision).toMatchObject({ run: "skip" });
  });
  it("record needs live", () => {
    expect(decideMode(smoke, { ...live, SMOKEBOOK_MODE: "record" }, haveRecordings)).toEqual({ run: "record" });
    expect(decideMode(smoke, { SMOKEBOOK_MODE: "record" }, haveRecordings).run).toBe("skip");
  });
  it("replay ignores credentials", () => {
    expect(decideMode(smoke, { ...live, SMOKEBOOK_MODE: "replay" }, haveRecordings)).toEqual({ run: "replay" });
  });
  it("a gate set to yes is an error, not a skip", () => {
    expect(() => decideMode(smoke, { RUN_DEV019_WATCHDOG_SMOKE: "yes" }, haveRecordings)).toThrow(
      /RUN_DEV019_WATCHDOG_SMOKE="yes" is not allowed/,
    );
  });
});
