import { describe, expect, it } from "vitest";
import { REDACTED, redactText } from "../redact.ts";
import { loadEmbeddedContract } from "./load.ts";
import { registerContractSecrets, registerContractSecretsFromLines, secretVariableNames } from "./secrets.ts";

const { contract } = loadEmbeddedContract();

describe("contract secrets", () => {
  it("are the variables whose source is a Secret", () => {
    expect(secretVariableNames(contract)).toEqual(["KIS_APP_KEY", "KIS_APP_SECRET"]);
  });

  it("registers their values for redaction, not the other variables' values", { tags: ["self-test"] }, () => {
    const key = "kis-key-7f3a9c1e";
    const level = "verbose-level-not-secret";
    expect(redactText(`key ${key}`, {})).toBe(`key ${key}`);
    expect(registerContractSecrets(contract, { KIS_APP_KEY: key, OBSERVER_LOG_LEVEL: level })).toEqual(["KIS_APP_KEY"]);
    expect(redactText(`key ${key} level ${level}`, {})).toBe(`key ${REDACTED} level ${level}`);
  });

  it("reads NAME=value lines (image Env, docker exec env)", { tags: ["self-test"] }, () => {
    const secret = "kis-secret-from-image-Env";
    expect(registerContractSecretsFromLines(contract, ["PATH=/bin", `KIS_APP_SECRET=${secret}`])).toEqual([
      "KIS_APP_SECRET",
    ]);
    expect(redactText(`env: KIS_APP_SECRET=${secret}`, {})).toBe(`env: KIS_APP_SECRET=${REDACTED}`);
  });
});
