import { describe, expect, it } from "vitest";
import { loadEmbeddedContract } from "../contract/load.ts";
import { REDACTED, redactText } from "../redact.ts";
import type { K8sObject } from "./kustomize.ts";
import { registerManifestSecrets } from "./manifest-secrets.ts";

const { contract } = loadEmbeddedContract();

describe("registerManifestSecrets", () => {
  it("registers the contract secrets a Secret manifest carries, in data or stringData", { tags: ["self-test"] }, () => {
    const key = "kis-key-in-a-manifest-51c0";
    const secret = "kis-secret-in-a-manifest-9e2d";
    const objects: K8sObject[] = [
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "observer-kis-credentials" },
        data: { KIS_APP_KEY: Buffer.from(key).toString("base64") },
        stringData: { KIS_APP_SECRET: secret, UNRELATED: "not-a-contract-variable" },
      },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { KIS_APP_KEY: "configmap-value" } },
    ];
    expect(registerManifestSecrets(contract, objects)).toEqual(["KIS_APP_KEY", "KIS_APP_SECRET"]);
    const text = `${key} ${Buffer.from(key).toString("base64")} ${secret} not-a-contract-variable configmap-value`;
    expect(redactText(text, {})).toBe(`${REDACTED} ${REDACTED} ${REDACTED} not-a-contract-variable configmap-value`);
  });
});
