/**
 * K8s static, contract items 1 and 4 (paths, volumes): the Deployment's volumeMounts cover every persistent contract
 * directory — at the path the app resolves from the environment the manifests give it (the ConfigMap is the final
 * authority, B.2) — and the volumes behind them bind to a PVC defined in the manifests.
 */
import { posix } from "node:path";
import { ContractViolation } from "../contract/errors.ts";
import { expectedPaths } from "../contract/resolve.ts";
import { containerEnv, literalEnv } from "./env-sources.ts";
import type { ManifestSet } from "./manifest-set.ts";

function covers(mountPath: string, path: string): boolean {
  const mount = posix.normalize(mountPath).replace(/\/+$/, "");
  const target = posix.normalize(path).replace(/\/+$/, "");
  return target === mount || target.startsWith(`${mount}/`);
}

export function checkVolumes(set: ManifestSet) {
  const { contract } = set;
  const container = set.container();
  const spec = set.podSpec();
  const file = set.deploymentFile();
  const { directories } = expectedPaths(contract, literalEnv(containerEnv(set, container)));
  const mounts = container.volumeMounts ?? [];
  const claims = new Set(set.objects.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => o.metadata.name));
  const covered: Record<string, string> = {};
  for (const name of contract.volumes.persistent) {
    const path = directories[name] as string;
    const mount = mounts
      .filter((m) => covers(m.mountPath, path))
      .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
    if (!mount) {
      throw new ContractViolation({
        stage: "k8s",
        item: "volumes",
        file,
        field: set.containerField("volumeMounts[].mountPath"),
        expected: `a mount at ${path} or a parent of it (contract directory ${name}, volumes.persistent)`,
        actual: `no mount covers ${name} (${path}); mountPaths: ${mounts.map((m) => m.mountPath).join(", ") || "none"}`,
      });
    }
    const volume = (spec.volumes ?? []).find((v) => v.name === mount.name);
    const claim = volume?.persistentVolumeClaim?.claimName;
    if (!claim || !claims.has(claim)) {
      throw new ContractViolation({
        stage: "k8s",
        item: "volumes",
        file,
        field: `spec.template.spec.volumes[${mount.name}]`,
        expected: `a persistentVolumeClaim defined in the manifests (for ${name} at ${mount.mountPath})`,
        actual: !volume
          ? `no volume named ${mount.name}`
          : claim
            ? `claim ${claim} is not defined in the manifests (PVCs: ${[...claims].join(", ") || "none"})`
            : `volume type ${Object.keys(volume)
                .filter((k) => k !== "name")
                .join(", ")}`,
      });
    }
    covered[name] = `${mount.mountPath}${mount.subPath ? ` (subPath ${mount.subPath})` : ""} ← pvc/${claim}`;
  }
  return covered;
}
