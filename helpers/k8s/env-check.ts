/**
 * K8s static, contract item 2 (env): the container gets every required contract variable from the source the
 * contract declares — a ConfigMap (in the manifests or declared external; a literal value is accepted too), a Secret
 * (never a literal or a ConfigMap), a literal `env:` value, a fieldRef (with the declared fieldPath), or a container
 * argument (`--level=info` in command/args) — with a value among the declared `values`; no reference dangles.
 */

import { ContractViolation } from "../contract/errors.ts";
import type { ContractEnvEntry } from "../contract/schema.ts";
import { containerArgv, containerEnv, type EnvOrigin, flagValue } from "./env-sources.ts";
import type { ManifestSet } from "./manifest-set.ts";

function describeOrigin(origin: EnvOrigin): string {
  if (origin.kind === "value") return "a literal value in the workload";
  if (origin.kind === "fieldRef") return `a fieldRef (${origin.fieldPath})`;
  return `${origin.kind === "configmap" ? "ConfigMap" : "Secret"} ${origin.name}`;
}

/** Whether an origin satisfies the declared source; a reason when it does not. */
function sourceProblem(entry: ContractEnvEntry, origin: EnvOrigin): string | undefined {
  switch (entry.source) {
    case "secret":
      return origin.kind === "secret" ? undefined : describeOrigin(origin);
    case "configmap":
    case "literal":
      return origin.kind === "configmap" || origin.kind === "value" ? undefined : describeOrigin(origin);
    case "fieldRef":
      if (origin.kind !== "fieldRef") return describeOrigin(origin);
      return entry.fieldPath === undefined || entry.fieldPath === origin.fieldPath
        ? undefined
        : `fieldRef ${origin.fieldPath}`;
    default:
      return undefined;
  }
}

export function checkEnv(set: ManifestSet) {
  const { contract } = set;
  const container = set.container();
  const file = set.workloadFile();
  const env = containerEnv(set, container);
  const [dangling] = env.dangling;
  if (dangling) {
    throw new ContractViolation({
      stage: "k8s",
      item: "env",
      file,
      field: dangling.field,
      expected: `a ${dangling.kind === "configmap" ? "ConfigMap" : "Secret"} in the manifests or declared in contract kubernetes.external`,
      actual: `references ${dangling.kind} ${dangling.name}, which is neither`,
    });
  }
  const { argv, field: argField } = containerArgv(container);
  const configMapRefs = (container.envFrom ?? []).flatMap((s) => (s.configMapRef?.name ? [s.configMapRef.name] : []));
  const checked: string[] = [];
  for (const [index, entry] of contract.env.entries()) {
    const declaredAs = `contract env[${index}] ${entry.name}, source ${entry.source}`;
    if (entry.source === "argument") {
      const flag = entry.argument as string; // the schema requires it for source argument
      const found = flagValue(argv, flag);
      if (!found) {
        if (!entry.required) continue;
        throw new ContractViolation({
          stage: "k8s",
          item: "env",
          file,
          field: set.containerField("command/args"),
          expected: `${flag}=<value> (${declaredAs})`,
          actual: argv.length > 0 ? `no ${flag} in ${JSON.stringify(argv)}` : "no command or args",
        });
      }
      if (entry.values && (found.value === undefined || !entry.values.includes(found.value))) {
        throw new ContractViolation({
          stage: "k8s",
          item: "env",
          file,
          field: set.containerField(argField(found.index)),
          expected: `${flag} one of ${entry.values.join(", ")} (${declaredAs})`,
          actual: (argv[found.index] as string).includes("=")
            ? (argv[found.index] as string)
            : `${flag} ${found.value ?? "(no value)"}`,
        });
      }
      checked.push(entry.name);
      continue;
    }
    // An envFrom of an external object whose keys the contract leaves out may provide it (of the declared kind).
    const openSource = env.open.find((o) => o.kind === (entry.source === "secret" ? "secret" : "configmap"));
    const origin =
      env.provided.get(entry.name) ??
      (openSource && (entry.source === "secret" || entry.source === "configmap")
        ? { kind: openSource.kind, name: openSource.name, external: true }
        : undefined);
    if (!origin) {
      if (!entry.required) continue;
      // Name the ConfigMap the workload loads when the variable belongs there: that is the file to fix.
      const cm =
        entry.source === "configmap"
          ? set.configMaps().find((c) => configMapRefs.includes(c.metadata?.name ?? ""))
          : undefined;
      throw new ContractViolation({
        stage: "k8s",
        item: "env",
        file: cm ? set.fileOf("ConfigMap", cm.metadata?.name ?? "") : file,
        field: cm
          ? `ConfigMap ${cm.metadata?.name} data.${entry.name}`
          : set.containerField(`env/envFrom (${entry.name})`),
        expected: `${entry.name} provided (${declaredAs}, required)`,
        actual: cm ? `key ${entry.name} is missing` : "no env entry or envFrom source provides it",
      });
    }
    const problem = sourceProblem(entry, origin);
    if (problem) {
      throw new ContractViolation({
        stage: "k8s",
        item: "env",
        file,
        field: set.containerField(`env/envFrom (${entry.name})`),
        expected: `${entry.name} from ${entry.source === "secret" ? "a Secret" : entry.source === "fieldRef" ? `a fieldRef${entry.fieldPath ? ` ${entry.fieldPath}` : ""}` : "a ConfigMap or a literal value"} (${declaredAs})`,
        actual: problem,
      });
    }
    const value = origin.kind === "fieldRef" ? undefined : origin.value;
    if (entry.values && value !== undefined && !entry.values.includes(value)) {
      throw new ContractViolation({
        stage: "k8s",
        item: "env",
        file: origin.kind === "configmap" && !origin.external ? set.fileOf("ConfigMap", origin.name) : file,
        field:
          origin.kind === "configmap"
            ? `ConfigMap ${origin.name} data.${entry.name}`
            : set.containerField(`env[${entry.name}]`),
        expected: `one of ${entry.values.join(", ")} (${declaredAs})`,
        actual: value,
      });
    }
    checked.push(entry.name);
  }
  const external = [...env.provided.values()].flatMap((o) =>
    (o.kind === "configmap" || o.kind === "secret") && o.external ? [o.name] : [],
  );
  return {
    variables: env.provided.size,
    checked: checked.length,
    external: [...new Set(external)].join(",") || "none",
  };
}
