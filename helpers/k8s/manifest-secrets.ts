/**
 * Secrets written into the manifests (a Secret's data or stringData for a contract variable whose source is a
 * Secret, e.g. KIS_APP_KEY): their values are registered for redaction as soon as the manifests are read, so no
 * message, evidence line or report can carry them. The checks themselves only look at the keys.
 */
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { Contract } from "../contract/schema.ts";
import { registerContractSecrets } from "../contract/secrets.ts";
import type { K8sObject } from "./kustomize.ts";

export function registerManifestSecrets(contract: Contract, objects: ReadonlyArray<K8sObject>): string[] {
  const names = new Set<string>();
  for (const object of objects) {
    if (object.kind !== "Secret") continue;
    const secret = object as unknown as ISecret;
    const decoded = Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, "base64").toString("utf8")]),
    );
    for (const name of registerContractSecrets(contract, { ...decoded, ...(secret.stringData ?? {}) })) {
      names.add(name);
    }
  }
  return [...names];
}
