// @module-tag contract
// @module-tag k8s
/**
 * Self-tests of the K8s static checks: broken copies of the target's manifests (made in a temp folder at test time)
 * each fail exactly one check, with a message naming the file and the field.
 */
import { describe, expect, it } from "vitest";
import { ContractViolation } from "../../helpers/contract/errors.ts";
import { TargetCopy } from "../../helpers/contract/target-copy.ts";
import { loadManifests } from "../../helpers/k8s/manifest-set.ts";
import { checkSchemas } from "../../helpers/k8s/schema-check.ts";
import { failingChecks } from "../../helpers/k8s/static-checks.ts";

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: observer
spec:
  rules:
    - host: observer.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: observer
                port:
                  number: 8000
`;

const SEALED_SECRET = `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: observer-kis-credentials
spec:
  encryptedData:
    KIS_APP_KEY: AgBy3i4OJSWK+PiTySYZZA==
    KIS_APP_SECRET: AgAKAoiQm7QDZP4XJxB9ZA==
`;

/** Adds files to the base kustomization of a copy. */
function addResources(copy: TargetCopy, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) copy.write(`k8s/base/${name}`, text);
  const list = Object.keys(files)
    .map((name) => `  - ${name}`)
    .join("\n");
  copy.replace("k8s/base/kustomization.yaml", "  - service.yaml", `  - service.yaml\n${list}`);
}

async function onlyFailure(copy: TargetCopy) {
  const failures = failingChecks(await loadManifests(copy.load()));
  expect(failures.map((f) => f.name)).toHaveLength(1);
  const [failure] = failures;
  expect(failure?.error).toBeInstanceOf(ContractViolation);
  return { name: failure?.name, error: failure?.error as ContractViolation };
}

describe("K8s static self-tests", { tags: ["self-test"] }, () => {
  it("the embedded target passes every static check", async () => {
    await using copy = new TargetCopy(undefined, "k8s-ok");
    expect(failingChecks(await loadManifests(copy.load()))).toEqual([]);
  });

  it("a mountPath that differs from the contract fails the volume check", async () => {
    await using copy = new TargetCopy(undefined, "k8s-mount");
    copy.replace(
      "k8s/base/deployment.yaml",
      "mountPath: /opt/platform/runtime/observer/data",
      "mountPath: /opt/platform/runtime/observer/records",
    );
    const { name, error } = await onlyFailure(copy);
    expect(name).toMatch(/volumeMounts cover the contract volumes/);
    expect(error).toMatchObject({ stage: "k8s", item: "volumes", file: `${copy.dir}/k8s/base/deployment.yaml` });
    expect(error.message).toMatch(
      /deployment\.yaml: spec\.template\.spec\.containers\[observer\]\.volumeMounts\[\]\.mountPath: no mount covers data \(\/opt\/platform\/runtime\/observer\/data\); mountPaths: \/opt\/platform\/runtime\/observer\/records/,
    );
  });

  it("a required env key missing from the ConfigMap fails the env check naming the ConfigMap key", async () => {
    await using copy = new TargetCopy(undefined, "k8s-env");
    copy.replace("k8s/base/configmap.yaml", /^ {2}OBSERVER_RUNTIME_ROOT: .*\n/m, "");
    const { name, error } = await onlyFailure(copy);
    expect(name).toMatch(/env\/envFrom\/args provide every required variable/);
    expect(error).toMatchObject({ item: "env", file: `${copy.dir}/k8s/base/configmap.yaml` });
    expect(error.message).toMatch(
      /configmap\.yaml: ConfigMap observer-config data\.OBSERVER_RUNTIME_ROOT: key OBSERVER_RUNTIME_ROOT is missing/,
    );
  });

  it("a containerPort different from the Service targetPort fails the port check naming the Service", async () => {
    await using copy = new TargetCopy(undefined, "k8s-port");
    copy.replace("k8s/base/service.yaml", "targetPort: 8000", "targetPort: 8080");
    const { name, error } = await onlyFailure(copy);
    expect(name).toMatch(/containerPort = contract port = Service targetPort/);
    expect(error).toMatchObject({ item: "port", file: `${copy.dir}/k8s/base/service.yaml` });
    expect(error.message).toMatch(
      /service\.yaml: Service observer spec\.ports\[http\]\.targetPort: targetPort http: 8080; expected 8000/,
    );
  });

  it("an image tagged latest fails the tag-policy check naming the overlay's images entry", async () => {
    await using copy = new TargetCopy(undefined, "k8s-latest");
    copy.replace("k8s/overlays/production/kustomization.yaml", "newTag: build-20260204-220645", "newTag: latest");
    const { name, error } = await onlyFailure(copy);
    expect(name).toMatch(/tag policy/);
    expect(error).toMatchObject({ item: "image-tag", file: `${copy.dir}/k8s/overlays/production/kustomization.yaml` });
    expect(error.message).toMatch(
      /kustomization\.yaml: images\[0\] \(name ghcr\.io\/example\/observer\)\.newTag: ghcr\.io\/example\/observer:latest: tag latest is never allowed/,
    );
  });

  it("runAsUser 0 fails the securityContext check, and an emptyDir in place of the PVC the volume check", async () => {
    await using copy = new TargetCopy(undefined, "k8s-root");
    copy.replace("k8s/base/deployment.yaml", "runAsUser: 1000", "runAsUser: 0");
    const root = await onlyFailure(copy);
    expect(root.error.message).toMatch(
      /deployment\.yaml: spec\.template\.spec\.securityContext\.runAsUser: 0; expected 1000/,
    );
    copy.replace("k8s/base/deployment.yaml", "runAsUser: 0", "runAsUser: 1000");
    copy.replace("k8s/base/deployment.yaml", /persistentVolumeClaim:\n\s+claimName: observer-runtime/, "emptyDir: {}");
    const volume = await onlyFailure(copy);
    expect(volume.error.message).toMatch(
      /spec\.template\.spec\.volumes\[runtime\]: volume type emptyDir; expected a persistentVolumeClaim defined in the manifests or in contract kubernetes\.external\.claims, or a hostPath/,
    );
  });

  it("a probe on another path fails the probe check, and an invalid field the schema check", async () => {
    await using copy = new TargetCopy(undefined, "k8s-probe");
    copy.replace(
      "k8s/base/deployment.yaml",
      /readinessProbe:\n(\s+)httpGet:\n(\s+)path: \/health/,
      "readinessProbe:\n$1httpGet:\n$2path: /healthz",
    );
    const probe = await onlyFailure(copy);
    expect(probe.error).toMatchObject({ item: "health" });
    expect(probe.error.message).toMatch(
      /containers\[observer\]\.readinessProbe\.httpGet: httpGet \/healthz on port http → 8000; expected httpGet \/health on port 8000 \(contract kubernetes\.probes\.readiness\)/,
    );
    copy.replace("k8s/base/deployment.yaml", "path: /healthz", "path: /health");
    copy.replace("k8s/base/deployment.yaml", "replicas: 1", 'replicas: "one"');
    const schema = await onlyFailure(copy);
    expect(schema.error).toMatchObject({ item: "schema", file: `${copy.dir}/k8s/base/deployment.yaml` });
    expect(schema.error.message).toMatch(/Deployment\/observer: spec\/replicas must be integer/);
  });

  it("an Ingress is validated and a SealedSecret (CRD) reported as not validated; neither fails", async () => {
    await using copy = new TargetCopy(undefined, "k8s-crd");
    addResources(copy, { "ingress.yaml": INGRESS, "sealed-secret.yaml": SEALED_SECRET });
    const set = await loadManifests(copy.load());
    expect(failingChecks(set)).toEqual([]);
    expect(checkSchemas(set)).toMatchObject({
      kinds: expect.stringMatching(/Ingress.*SealedSecret|SealedSecret.*Ingress/),
      not_validated: "SealedSecret/observer-kis-credentials (bitnami.com/v1alpha1, CRD)",
    });
  });

  it("an invalid Ingress and an unknown built-in kind fail the schema check naming them", async () => {
    await using copy = new TargetCopy(undefined, "k8s-ingress");
    addResources(copy, { "ingress.yaml": INGRESS.replace("number: 8000", "number: http") });
    const ingress = await onlyFailure(copy);
    expect(ingress.error).toMatchObject({ item: "schema", file: `${copy.dir}/k8s/base/ingress.yaml` });
    expect(ingress.error.message).toMatch(
      /Ingress\/observer: spec\/rules\/0\/http\/paths\/0\/backend\/service\/port\/number must be integer/,
    );
    copy.replace("k8s/base/ingress.yaml", "number: http", "number: 8000");
    copy.replace("k8s/base/ingress.yaml", "kind: Ingress", "kind: Ingres");
    const typo = await onlyFailure(copy);
    expect(typo.error.message).toMatch(
      /Ingres\/observer: no schema for networking\.k8s\.io\/v1 Ingres: Ingres is not a kind of networking\.k8s\.io\/v1/,
    );
  });
});
