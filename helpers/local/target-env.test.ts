import { describe, expect, it } from "vitest";
import { loadEmbeddedContract } from "../contract/load.ts";
import { run } from "../process/run.ts";
import { REDACTED, redactText } from "../redact.ts";
import { commandArgv } from "./contract-command.ts";
import { targetEnv } from "./target-env.ts";

const { contract } = loadEmbeddedContract();
const harnessEnv = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  HOME: "/home/dev",
  TMPDIR: "/tmp",
  DATABRICKS_TOKEN: "dapi-harness-token-0123456789",
  KUBECONFIG: "/home/dev/.kube/prod-config",
  NODE_OPTIONS: "--require /home/dev/hook.js",
  OBSERVER_RUNTIME_ROOT: "/home/dev/observer",
};

describe("targetEnv", () => {
  it("keeps PATH, HOME and TMPDIR of the harness, and the contract variables the check sets", () => {
    expect(targetEnv(contract, { SERVICE_PORT: "9001" }, harnessEnv)).toEqual({
      PATH: harnessEnv.PATH,
      HOME: "/home/dev",
      TMPDIR: "/tmp",
      SERVICE_PORT: "9001",
    });
  });

  it("a secret-looking variable of the harness is not visible to the app", { tags: ["self-test"] }, async () => {
    const probe = ["node", "-e", "process.stdout.write(JSON.stringify(process.env))"];
    const env = targetEnv(contract, { OBSERVER_LOG_LEVEL: "debug" }, { ...process.env, ...harnessEnv });
    const result = await run(commandArgv(probe), { cwd: process.cwd(), env, timeoutMs: 10_000 });
    const seen = JSON.parse(result.stdout) as Record<string, string>;
    expect(seen).not.toHaveProperty("DATABRICKS_TOKEN");
    expect(seen).not.toHaveProperty("KUBECONFIG");
    expect(seen).not.toHaveProperty("NODE_OPTIONS");
    expect(seen.OBSERVER_RUNTIME_ROOT).toBeUndefined();
    expect(seen.OBSERVER_LOG_LEVEL).toBe("debug");
  });

  it("registers the values it gives the contract's secret variables for redaction", { tags: ["self-test"] }, () => {
    const key = "kis-app-key-set-by-a-check";
    targetEnv(contract, { KIS_APP_KEY: key }, harnessEnv);
    expect(redactText(`KIS_APP_KEY=${key}`, {})).toBe(`KIS_APP_KEY=${REDACTED}`);
  });
});
