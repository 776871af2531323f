// @module-tag contract
// @module-tag k8s
/**
 * Self-tests of the K8s static checks on the policies the sample target does not use (issue #10 item 3), against
 * fixtures/service-contracts/policies: a contract kept beside its service (ops/contract.yaml → app/deploy), with a
 * StatefulSet, literal / fieldRef / argument env sources, a --port argument, PVC + hostPath + emptyDir volumes,
 * tcpSocket / grpc / exec probes, semver-or-regex tags and a cluster-scoped Namespace object. Each broken copy fails
 * exactly one check with a message naming the file and the field; an undeclared policy is "not declared", not run.
 */
import { describe, expect, it } from "vitest";
import { ContractViolation } from "../../helpers/contract/errors.ts";
import { TargetCopy } from "../../helpers/contract/target-copy.ts";
import { loadManifests } from "../../helpers/k8s/manifest-set.ts";
import { failingChecks, undeclaredChecks } from "../../helpers/k8s/static-checks.ts";
import { fromRoot } from "../../helpers/paths.ts";

const SOURCE = fromRoot("fixtures/service-contracts/policies");
const STS = "app/deploy/statefulset.yaml";

const CLUSTER_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ledgerclasses.example.com
spec:
  group: example.com
  scope: Cluster
  names: { kind: LedgerClass, plural: ledgerclasses, singular: ledgerclass }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }
---
apiVersion: example.com/v1
kind: LedgerClass
metadata:
  name: fast
`;

async function onlyFailure(copy: TargetCopy) {
  const failures = failingChecks(await loadManifests(copy.load()));
  expect(failures.map((f) => f.name)).toHaveLength(1);
  const [failure] = failures;
  expect(failure?.error).toBeInstanceOf(ContractViolation);
  return { name: failure?.name as string, error: failure?.error as ContractViolation };
}

describe("K8s static self-tests: declared policies", { tags: ["self-test"] }, () => {
  it("the unbroken service passes every check, and nothing is left undeclared", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-policies");
    const set = await loadManifests(copy.load());
    expect(failingChecks(set)).toEqual([]);
    expect(undeclaredChecks(set)).toEqual([]);
  });

  it("a --port argument other than the contract port fails the port check naming args[0]", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-port-arg");
    copy.replace(STS, "--port=7070, --log", "--port=8080, --log");
    const { name, error } = await onlyFailure(copy);
    expect(name).toMatch(/containerPort = contract port/);
    expect(error).toMatchObject({ item: "port", file: `${copy.dir}/${STS}` });
    expect(error.message).toMatch(
      /statefulset\.yaml: spec\.template\.spec\.containers\[ledger\]\.args\[0\]: --port=8080; expected --port=7070 \(contract port\.argument/,
    );
  });

  it("a literal env value outside the declared values, and a fieldRef from another field, fail the env check", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-env-literal");
    copy.replace(STS, "value: primary", "value: leader");
    const literal = await onlyFailure(copy);
    expect(literal.error).toMatchObject({ item: "env", file: `${copy.dir}/${STS}` });
    expect(literal.error.message).toMatch(
      /containers\[ledger\]\.env\[LEDGER_MODE\]: leader; expected one of primary, replica \(contract env\[0\] LEDGER_MODE, source literal\)/,
    );
    copy.replace(STS, "value: leader", "value: primary");
    copy.replace(STS, "fieldPath: metadata.name", "fieldPath: status.podIP");
    const fieldRef = await onlyFailure(copy);
    expect(fieldRef.error.message).toMatch(
      /env\/envFrom \(POD_NAME\): fieldRef status\.podIP; expected POD_NAME from a fieldRef metadata\.name/,
    );
  });

  it("a flag-carried variable outside its values, or missing, fails the env check naming command/args", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-env-arg");
    copy.replace(STS, "--log-level, info", "--log-level, trace");
    const value = await onlyFailure(copy);
    expect(value.error.message).toMatch(
      /containers\[ledger\]\.args\[1\]: --log-level trace; expected --log-level one of debug, info \(contract env\[2\] LEDGER_LOG_LEVEL, source argument\)/,
    );
    copy.replace(STS, ", --log-level, trace", "");
    const missing = await onlyFailure(copy);
    expect(missing.error.message).toMatch(/containers\[ledger\]\.command\/args: no --log-level in \["--port=7070"\]/);
  });

  it("a secret given as a literal fails the env check: secrets come from Secrets", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-env-secret");
    copy.replace(STS, /valueFrom:\n\s+secretKeyRef:\n\s+name: ledger-db\n\s+key: LEDGER_DB_PASSWORD/, "value: hunter2");
    const { error } = await onlyFailure(copy);
    expect(error.message).toMatch(
      /env\/envFrom \(LEDGER_DB_PASSWORD\): a literal value in the workload; expected LEDGER_DB_PASSWORD from a Secret/,
    );
  });

  it("an ephemeral path on a hostPath, and a moved persistent mount, fail the volume check", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-volumes");
    copy.replace(STS, "emptyDir: {}", "hostPath:\n            path: /tmp/ledger");
    const ephemeral = await onlyFailure(copy);
    expect(ephemeral.error).toMatchObject({ item: "volumes", file: `${copy.dir}/${STS}` });
    expect(ephemeral.error.message).toMatch(
      /spec\.template\.spec\.volumes\[scratch\]: volume type hostPath; expected an emptyDir \(contract volumes\.ephemeral\[0\] \/tmp\/ledger/,
    );
    copy.replace(STS, "hostPath:\n            path: /tmp/ledger", "emptyDir: {}");
    copy.replace(STS, "mountPath: /var/log/ledger", "mountPath: /var/log/ledger-old");
    const moved = await onlyFailure(copy);
    expect(moved.error.message).toMatch(
      /containers\[ledger\]\.volumeMounts\[\]\.mountPath: no mount covers \/var\/log\/ledger .*; expected a mount at \/var\/log\/ledger or a parent of it \(contract volumes\.persistent\[1\]/,
    );
  });

  it("an exec probe with another command, and a grpc probe for another service, fail the probe check", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-probes");
    copy.replace(STS, "command: [/bin/ledger-health, --port=7070]", "command: [/bin/true]");
    const exec = await onlyFailure(copy);
    expect(exec.error).toMatchObject({ item: "health", file: `${copy.dir}/${STS}` });
    expect(exec.error.message).toMatch(
      /containers\[ledger\]\.livenessProbe\.exec: exec \["\/bin\/true"\]; expected exec \["\/bin\/ledger-health","--port=7070"\] \(contract kubernetes\.probes\.liveness\)/,
    );
    copy.replace(STS, "command: [/bin/true]", "command: [/bin/ledger-health, --port=7070]");
    copy.replace(STS, "service: ledger.v1.Ledger", "service: other");
    const grpc = await onlyFailure(copy);
    expect(grpc.error.message).toMatch(
      /readinessProbe\.grpc: grpc on port 7070 service other; expected grpc on port 7070 service ledger\.v1\.Ledger/,
    );
  });

  it("latest, and a tag that is neither semver nor the regex, fail the tag policy naming the images entry", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-tags");
    copy.replace("app/deploy/kustomization.yaml", "newTag: 2.4.1", "newTag: latest");
    const latest = await onlyFailure(copy);
    expect(latest.error).toMatchObject({ item: "image-tag", file: `${copy.dir}/app/deploy/kustomization.yaml` });
    expect(latest.error.message).toMatch(
      /images\[0\] \(name registry\.example\/ledger\)\.newTag: .*tag latest is never allowed/,
    );
    copy.replace("app/deploy/kustomization.yaml", "newTag: latest", "newTag: hotfix-12");
    expect(failingChecks(await loadManifests(copy.load()))).toEqual([]);
    copy.replace("app/deploy/kustomization.yaml", "newTag: hotfix-12", 'newTag: "2.4"');
    const other = await onlyFailure(copy);
    expect(other.error.message).toMatch(/tag 2\.4 matches none of semver, regex hotfix-\[0-9\]\+/);
  });

  it("objects outside the namespace fail the namespace check; the cluster-scoped Namespace is exempt", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-namespace");
    copy.replace("app/deploy/kustomization.yaml", "namespace: ledger\n", "");
    const { name, error } = await onlyFailure(copy);
    expect(name).toMatch(/contract namespace/);
    expect(error.message).toMatch(
      /app\/deploy: namespace: Secret\/ledger-db in \(none\), Service\/ledger in \(none\), StatefulSet\/ledger in \(none\); expected every namespaced object in namespace ledger/,
    );
    expect(error.message).not.toMatch(/Namespace\/ledger in/);
  });

  it("a kind a CustomResourceDefinition in the render declares cluster-scoped is exempt from the namespace", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-crd-scope");
    copy.write("app/deploy/crd.yaml", CLUSTER_CRD);
    copy.replace("app/deploy/kustomization.yaml", "  - service.yaml", "  - service.yaml\n  - crd.yaml");
    copy.replace("app/deploy/kustomization.yaml", "namespace: ledger\n", "");
    for (const file of [STS, "app/deploy/service.yaml", "app/deploy/secret.yaml"]) {
      copy.replace(file, /^metadata:\n {2}name: (\S+)$/m, "metadata:\n  name: $1\n  namespace: ledger");
    }
    const set = await loadManifests(copy.load());
    expect(failingChecks(set)).toEqual([]);
  });

  it("runAsUser 0 fails the securityContext check naming the pod securityContext", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-uid");
    copy.replace(STS, "runAsUser: 10001", "runAsUser: 0");
    const { error } = await onlyFailure(copy);
    expect(error).toMatchObject({ item: "permissions", file: `${copy.dir}/${STS}` });
    expect(error.message).toMatch(
      /spec\.template\.spec\.securityContext\.runAsUser: 0; expected 10001 \(contract permissions\.uid\)/,
    );
  });

  it("policies left out of the contract are listed as not declared and not run", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-undeclared");
    copy.replace("contract.yaml", /^volumes:\n( {2}.*\n)+/m, "");
    copy.replace("contract.yaml", /^permissions: .*\n/m, "");
    copy.replace("contract.yaml", /^ {2}namespace: ledger\n/m, "");
    copy.replace("contract.yaml", /^ {2}probes:\n( {4}.*\n)+/m, "");
    copy.replace(STS, "runAsUser: 10001", "runAsUser: 0"); // not declared, so not a failure
    const set = await loadManifests(copy.load());
    expect(failingChecks(set)).toEqual([]);
    expect(undeclaredChecks(set).map((c) => c.note)).toEqual([
      `not declared: kubernetes.namespace in ${copy.dir}/contract.yaml (declare it to check the objects' namespace)`,
      `not declared: volumes in ${copy.dir}/contract.yaml (declare it to check the volume mounts)`,
      `not declared: permissions in ${copy.dir}/contract.yaml (declare it to check the container user)`,
      `not declared: kubernetes.probes in ${copy.dir}/contract.yaml (declare it to check the probes)`,
    ]);
  });

  it("a render with several workloads and no kubernetes.workload names the contract field to declare", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-workloads");
    copy.write(
      "app/deploy/worker.yaml",
      copy
        .read(STS)
        .replace("kind: StatefulSet", "kind: Deployment")
        .replace(/name: ledger$/m, "name: worker"),
    );
    copy.replace("app/deploy/kustomization.yaml", "  - service.yaml", "  - service.yaml\n  - worker.yaml");
    copy.replace("contract.yaml", "  workload: ledger\n", "");
    const failures = failingChecks(await loadManifests(copy.load()));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]?.error).toMatchObject({ item: "schema", file: `${copy.dir}/contract.yaml` });
    expect(failures[0]?.error.message).toMatch(
      /contract\.yaml: kubernetes\.workload: not declared; the render holds Deployment\/worker, StatefulSet\/ledger/,
    );
  });

  it("an envFrom Secret declared external without keys provides the secret variables; undeclared it dangles", async () => {
    await using copy = new TargetCopy(SOURCE, "k8s-open-secret");
    copy.replace(
      STS,
      /\n\s+- name: LEDGER_DB_PASSWORD\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: ledger-db\n\s+key: LEDGER_DB_PASSWORD/,
      "",
    );
    copy.replace(
      STS,
      "          env:\n",
      "          envFrom:\n            - secretRef:\n                name: ledger-sealed\n          env:\n",
    );
    const dangling = await onlyFailure(copy);
    expect(dangling.error.message).toMatch(
      /containers\[ledger\]\.envFrom\[0\]: references secret ledger-sealed, which is neither; expected a Secret in the manifests or declared in contract kubernetes\.external/,
    );
    copy.replace(
      "contract.yaml",
      "  workload: ledger\n",
      "  workload: ledger\n  external: { secrets: [{ name: ledger-sealed }] }\n",
    );
    expect(failingChecks(await loadManifests(copy.load()))).toEqual([]);
  });
});
