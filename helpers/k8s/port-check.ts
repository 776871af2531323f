/**
 * K8s static, contract item 3 (port): containerPort = contract port = Service targetPort (a named targetPort resolves
 * through the container's ports), the Service selects the workload's pods, and where the port is also given to the
 * app — the port variable (env/ConfigMap) or a container argument (`--port=9898`) — it agrees.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import { ContractViolation } from "../contract/errors.ts";
import { containerArgv, containerEnv, flagValue, literalEnv } from "./env-sources.ts";
import type { ManifestSet } from "./manifest-set.ts";

/** A port given as a number or as the name of one of the container's ports, as a number. */
export function resolvePort(port: number | string | undefined, container: IContainer): number | undefined {
  if (typeof port === "number") return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function checkService(set: ManifestSet, container: IContainer, want: number): string {
  const service = set.service();
  if (!service) return "none selects the workload";
  const name = service.metadata?.name ?? "";
  const serviceFile = set.fileOf("Service", name);
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
      field: `Service ${name} spec.ports[${servicePorts[0]?.name ?? 0}].targetPort`,
      expected: `${want} (= containerPort of ${container.name}, contract port.number)`,
      actual: `targetPort ${shown.join("; ") || "none"}`,
    });
  }
  const labels = set.podLabels();
  const selector = service.spec?.selector ?? {};
  const unmatched = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
  if (Object.keys(selector).length === 0 || unmatched.length > 0) {
    throw new ContractViolation({
      stage: "k8s",
      item: "port",
      file: serviceFile,
      field: `Service ${name} spec.selector`,
      expected: `labels of ${set.workloadLabel()}'s pod template`,
      actual: `selector ${JSON.stringify(selector)} vs pod labels ${JSON.stringify(labels)}`,
    });
  }
  return `${name}:${servicePorts.map((p) => p.port).join(",")}`;
}

export function checkPorts(set: ManifestSet) {
  const { contract } = set;
  const want = contract.port.number;
  const container = set.container();
  const file = set.workloadFile();
  const ports = container.ports ?? [];
  const declared = contract.port.name
    ? ports.find((p) => p.name === contract.port.name)
    : ports.find((p) => p.containerPort === want);
  if (!declared || declared.containerPort !== want) {
    throw new ContractViolation({
      stage: "k8s",
      item: "port",
      file,
      field: set.containerField(
        contract.port.name && declared ? `ports[${contract.port.name}].containerPort` : "ports[].containerPort",
      ),
      expected: `${want}${contract.port.name ? ` named ${contract.port.name}` : ""} (contract port.number${contract.port.name ? ", port.name" : ""})`,
      actual:
        ports.length > 0
          ? `containerPorts ${ports.map((p) => `${p.containerPort}${p.name ? ` (${p.name})` : ""}`).join(", ")}`
          : "no containerPort",
    });
  }
  const service = checkService(set, container, want);
  if (contract.port.env !== undefined) {
    const portValue = literalEnv(containerEnv(set, container))[contract.port.env];
    if (portValue !== undefined && portValue !== String(want)) {
      throw new ContractViolation({
        stage: "k8s",
        item: "port",
        file,
        field: `${contract.port.env} (env/ConfigMap)`,
        expected: `${want} (contract port.number, port.env)`,
        actual: portValue,
      });
    }
  }
  let argument: string | undefined;
  if (contract.port.argument !== undefined) {
    const flag = contract.port.argument;
    const { argv, field } = containerArgv(container);
    const found = flagValue(argv, flag);
    if (!found || found.value !== String(want)) {
      throw new ContractViolation({
        stage: "k8s",
        item: "port",
        file,
        field: set.containerField(found ? field(found.index) : "command/args"),
        expected: `${flag}=${want} (contract port.argument, port.number)`,
        actual: found ? (argv[found.index] as string) : `no ${flag} in ${JSON.stringify(argv)}`,
      });
    }
    argument = argv[found.index];
  }
  return { containerPort: want, service, ...(argument ? { argument } : {}) };
}
