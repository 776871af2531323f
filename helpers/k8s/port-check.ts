/**
 * K8s static, contract item 3 (port): containerPort = contract port = Service targetPort (a named targetPort resolves
 * through the container's ports), the Service selects the Deployment's pods, and the port variable, when the
 * manifests set it, agrees.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import { ContractViolation } from "../contract/errors.ts";
import { containerEnv, literalEnv } from "./env-sources.ts";
import type { ManifestSet } from "./manifest-set.ts";

/** A port given as a number or as the name of one of the container's ports, as a number. */
export function resolvePort(port: number | string | undefined, container: IContainer): number | undefined {
  if (typeof port === "number") return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function checkPorts(set: ManifestSet) {
  const { contract } = set;
  const want = contract.port.number;
  const container = set.container();
  const ports = container.ports ?? [];
  if (!ports.some((p) => p.containerPort === want)) {
    throw new ContractViolation({
      stage: "k8s",
      item: "port",
      file: set.deploymentFile(),
      field: set.containerField("ports[].containerPort"),
      expected: `${want} (contract port.number)`,
      actual: ports.length > 0 ? `containerPorts ${ports.map((p) => p.containerPort).join(", ")}` : "no containerPort",
    });
  }
  const service = set.service();
  const serviceFile = set.fileOf("Service", contract.kubernetes.service);
  const servicePorts = service.spec?.ports ?? [];
  const targets = servicePorts.map((p) => ({ p, target: resolvePort(p.targetPort ?? p.port, container) }));
  if (!targets.some((t) => t.target === want)) {
    const shown = targets.map(
      (t) =>
        `${t.p.name ?? t.p.port}: ${String(t.p.targetPort ?? t.p.port)}${typeof t.p.targetPort === "string" ? ` → ${t.target ?? "unresolved"}` : ""}`,
    );
    throw new ContractViolation({
      stage: "k8s",
      item: "port",
      file: serviceFile,
      field: `Service ${contract.kubernetes.service} spec.ports[${servicePorts[0]?.name ?? 0}].targetPort`,
      expected: `${want} (= containerPort of ${contract.kubernetes.container}, contract port.number)`,
      actual: `targetPort ${shown.join("; ") || "none"}`,
    });
  }
  const labels = set.deployment().spec?.template?.metadata?.labels ?? {};
  const selector = service.spec?.selector ?? {};
  const unmatched = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
  if (Object.keys(selector).length === 0 || unmatched.length > 0) {
    throw new ContractViolation({
      stage: "k8s",
      item: "port",
      file: serviceFile,
      field: `Service ${contract.kubernetes.service} spec.selector`,
      expected: "labels of the Deployment's pod template",
      actual: `selector ${JSON.stringify(selector)} vs pod labels ${JSON.stringify(labels)}`,
    });
  }
  const portValue = literalEnv(containerEnv(set, container))[contract.port.env];
  if (portValue !== undefined && portValue !== String(want)) {
    throw new ContractViolation({
      stage: "k8s",
      item: "port",
      file: set.deploymentFile(),
      field: `${contract.port.env} (env/ConfigMap)`,
      expected: String(want),
      actual: portValue,
    });
  }
  return {
    containerPort: want,
    service: `${contract.kubernetes.service}:${servicePorts.map((p) => p.port).join(",")}`,
  };
}
