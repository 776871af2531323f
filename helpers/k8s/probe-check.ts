/** K8s static: readiness and liveness probes GET the contract health path on the contract port. */
import { ContractViolation } from "../contract/errors.ts";
import type { ManifestSet } from "./manifest-set.ts";
import { resolvePort } from "./port-check.ts";

export function checkProbes(set: ManifestSet) {
  const { contract } = set;
  const container = set.container();
  const seen: Record<string, string> = {};
  for (const kind of ["readinessProbe", "livenessProbe"] as const) {
    const get = container[kind]?.httpGet;
    const port = resolvePort(get?.port, container);
    if (!get || get.path !== contract.health.path || port !== contract.port.number) {
      throw new ContractViolation({
        stage: "k8s",
        item: "health",
        file: set.deploymentFile(),
        field: set.containerField(`${kind}.httpGet`),
        expected: `GET ${contract.health.path} on port ${contract.port.number} (contract health.path, port.number)`,
        actual: get
          ? `GET ${get.path ?? "(no path)"} on port ${String(get.port)}${typeof get.port === "string" ? ` → ${port ?? "unresolved"}` : ""}`
          : `no ${kind}.httpGet`,
      });
    }
    seen[kind] = `${get.path}@${port}`;
  }
  return seen;
}
