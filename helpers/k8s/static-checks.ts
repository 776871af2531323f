/** The K8s stage's static checks (no cluster), in order; shared by suites/k8s and its self-tests. */
import { type ContractItem, ContractViolation } from "../contract/errors.ts";
import { displayPath } from "../contract/load.ts";
import { checkEnv } from "./env-check.ts";
import { checkImageTag } from "./image-tag-check.ts";
import type { ManifestSet } from "./manifest-set.ts";
import { checkPorts } from "./port-check.ts";
import { checkProbes } from "./probe-check.ts";
import { checkNamespace, checkSchemas } from "./schema-check.ts";
import { checkSecurityContext } from "./security-check.ts";
import { checkVolumes } from "./volume-check.ts";

export interface StaticCheck {
  name: string;
  item: ContractItem;
  run: (set: ManifestSet) => Record<string, string | number>;
}

export const K8S_STATIC_CHECKS: ReadonlyArray<StaticCheck> = [
  { name: "every rendered object is valid against the Kubernetes schemas", item: "schema", run: checkSchemas },
  { name: "every namespaced object is in the contract namespace", item: "schema", run: checkNamespace },
  {
    name: "volumeMounts cover the contract volumes, each of its declared kind (PVC/hostPath or emptyDir)",
    item: "volumes",
    run: checkVolumes,
  },
  {
    name: "env/envFrom/args provide every required variable from its declared source",
    item: "env",
    run: checkEnv,
  },
  { name: "containerPort = contract port = Service targetPort (and --port argument)", item: "port", run: checkPorts },
  {
    name: "securityContext follows the contract permissions (uid, non-root, gid, fsGroup)",
    item: "permissions",
    run: checkSecurityContext,
  },
  {
    name: "the container has the contract's probes (httpGet, tcpSocket, grpc, exec)",
    item: "health",
    run: checkProbes,
  },
  { name: "the image tag follows the contract's tag policy (never latest)", item: "image-tag", run: checkImageTag },
];

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * A violation found in a Helm render, attributed to the Helm layer (seed 004 step 3): the values file and key that
 * set the failing value when the chart can trace it (fix "Helm values"), else the template (fix "Helm chart").
 */
export function helmViolation(set: ManifestSet, violation: ContractViolation): ContractViolation {
  if (set.source.kind !== "helm" || violation.stage !== "k8s" || violation.fix === "the execution contract") {
    return violation;
  }
  const actual = violation.actual.trim();
  const scalar = /^-?\d+$/.test(actual)
    ? Number(actual)
    : actual === "true" || actual === "false"
      ? actual === "true"
      : actual;
  const origin = violation.file.startsWith(displayPath(set.source.dir)) ? set.source.valueOrigin?.(scalar) : undefined;
  const details = origin
    ? {
        file: displayPath(origin.file),
        field: `${origin.field} (renders ${violation.field} of ${violation.file})`,
        fix: "Helm values",
      }
    : { file: violation.file, field: violation.field, fix: violation.fix ?? set.layer(violation.file) };
  return new ContractViolation(
    { ...details, stage: "helm", item: violation.item, expected: violation.expected, actual: violation.actual },
    violation,
  );
}

/** Runs one check; a violation in a Helm render is attributed to the Helm layer. */
export function runCheck(check: StaticCheck, set: ManifestSet): Record<string, string | number> {
  try {
    return check.run(set);
  } catch (error) {
    throw error instanceof ContractViolation ? helmViolation(set, error) : error;
  }
}

/** Runs every check and returns those that fail (a "not declared" check is not a failure), for self-tests. */
export function failingChecks(set: ManifestSet): Array<{ name: string; error: Error }> {
  const failures: Array<{ name: string; error: Error }> = [];
  for (const check of K8S_STATIC_CHECKS) {
    try {
      runCheck(check, set);
    } catch (error) {
      if (codeOf(error) === "CHECK_NOT_DECLARED") continue;
      failures.push({ name: check.name, error: error as Error });
    }
  }
  return failures;
}

/** The checks a contract leaves out ("not declared"), with their notes. */
export function undeclaredChecks(set: ManifestSet): Array<{ name: string; note: string }> {
  const out: Array<{ name: string; note: string }> = [];
  for (const check of K8S_STATIC_CHECKS) {
    try {
      check.run(set);
    } catch (error) {
      if (codeOf(error) === "CHECK_NOT_DECLARED") out.push({ name: check.name, note: (error as Error).message });
    }
  }
  return out;
}
