/**
 * K8s static: the container has the probes the contract declares (kubernetes.probes: readiness, liveness, startup),
 * each of the declared type — httpGet (path, port), tcpSocket (port), grpc (port, service) or exec (the command,
 * exactly) — where a port left out means the contract port. Without kubernetes.probes nothing is checked.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { ContractViolation, declared } from "../contract/errors.ts";
import type { ProbeSpec } from "../contract/schema-fields.ts";
import type { ManifestSet } from "./manifest-set.ts";
import { resolvePort } from "./port-check.ts";

const KINDS = { readiness: "readinessProbe", liveness: "livenessProbe", startup: "startupProbe" } as const;

function portOf(port: number | string | undefined, container: IContainer) {
  const resolved = resolvePort(port, container);
  return `${String(port)}${typeof port === "string" && !/^\d+$/.test(port) ? ` → ${resolved ?? "unresolved"}` : ""}`;
}

/** The probe in words, e.g. "httpGet /health on port http → 8000". */
function describe(probe: IProbe | undefined, container: IContainer): string {
  if (!probe) return "no probe";
  if (probe.httpGet)
    return `httpGet ${probe.httpGet.path ?? "(no path)"} on port ${portOf(probe.httpGet.port, container)}`;
  if (probe.tcpSocket) return `tcpSocket on port ${portOf(probe.tcpSocket.port, container)}`;
  if (probe.grpc) return `grpc on port ${probe.grpc.port}${probe.grpc.service ? ` service ${probe.grpc.service}` : ""}`;
  if (probe.exec) return `exec ${JSON.stringify(probe.exec.command ?? [])}`;
  return "a probe without a handler";
}

function wanted(spec: ProbeSpec, port: number): string {
  if ("httpGet" in spec) return `httpGet ${spec.httpGet.path} on port ${spec.httpGet.port ?? port}`;
  if ("tcpSocket" in spec) return `tcpSocket on port ${spec.tcpSocket.port ?? port}`;
  if ("grpc" in spec)
    return `grpc on port ${spec.grpc.port ?? port}${spec.grpc.service ? ` service ${spec.grpc.service}` : ""}`;
  return `exec ${JSON.stringify(spec.exec.command)}`;
}

function samePort(
  actual: number | string | undefined,
  want: number | string | undefined,
  fallback: number,
  c: IContainer,
) {
  const target = typeof want === "string" ? resolvePort(want, c) : (want ?? fallback);
  return resolvePort(actual, c) === target;
}

function matches(spec: ProbeSpec, probe: IProbe | undefined, port: number, c: IContainer): boolean {
  if (!probe) return false;
  if ("httpGet" in spec) {
    return probe.httpGet?.path === spec.httpGet.path && samePort(probe.httpGet?.port, spec.httpGet.port, port, c);
  }
  if ("tcpSocket" in spec)
    return probe.tcpSocket !== undefined && samePort(probe.tcpSocket.port, spec.tcpSocket.port, port, c);
  if ("grpc" in spec) {
    return (
      probe.grpc !== undefined &&
      samePort(probe.grpc.port, spec.grpc.port, port, c) &&
      (spec.grpc.service === undefined || probe.grpc.service === spec.grpc.service)
    );
  }
  return JSON.stringify(probe.exec?.command ?? null) === JSON.stringify(spec.exec.command);
}

export function checkProbes(set: ManifestSet) {
  const { contract } = set;
  const probes = declared(set.contract.kubernetes?.probes, "kubernetes.probes", set.loaded.file, "the probes");
  const container = set.container();
  const seen: Record<string, string> = {};
  for (const [name, field] of Object.entries(KINDS) as Array<
    [keyof typeof KINDS, (typeof KINDS)[keyof typeof KINDS]]
  >) {
    const spec = probes[name];
    if (!spec) continue;
    const probe = container[field];
    if (!matches(spec, probe, contract.port.number, container)) {
      const handler = Object.keys(spec)[0] as string;
      throw new ContractViolation({
        stage: "k8s",
        item: "health",
        file: set.workloadFile(),
        field: set.containerField(
          `${field}.${probe ? (Object.keys(probe).find((k) => ["httpGet", "tcpSocket", "grpc", "exec"].includes(k)) ?? handler) : handler}`,
        ),
        expected: `${wanted(spec, contract.port.number)} (contract kubernetes.probes.${name})`,
        actual: describe(probe, container),
      });
    }
    seen[field] = describe(probe, container);
  }
  return seen;
}
