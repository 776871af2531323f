/**
 * K8s static, contract items 1 and 4 (paths, volumes): for every declared volume — a contract directory (at the path
 * the app resolves from the environment the manifests give it: the ConfigMap is the final authority, B.2) or an
 * absolute path — the container has a volumeMount at that path or a parent of it, and the volume behind it is of the
 * declared kind: persistent = a PVC defined in the manifests or declared external (kubernetes.external.claims), or a
 * hostPath; ephemeral = an emptyDir. Without `volumes` nothing is checked.
 */
import { posix } from "node:path";
import type { IVolume } from "kubernetes-models/v1/Volume";
import { ContractViolation, declared } from "../contract/errors.ts";
import { volumePath } from "../contract/resolve.ts";
import { containerEnv, literalEnv } from "./env-sources.ts";
import type { ManifestSet } from "./manifest-set.ts";

function covers(mountPath: string, path: string): boolean {
  const mount = posix.normalize(mountPath).replace(/\/+$/, "");
  const target = posix.normalize(path).replace(/\/+$/, "");
  return target === mount || target.startsWith(`${mount}/`) || mount === "";
}

const typeOf = (volume: IVolume) =>
  Object.keys(volume)
    .filter((k) => k !== "name")
    .join(", ");

export function checkVolumes(set: ManifestSet) {
  const { contract } = set;
  const volumes = declared(contract.volumes, "volumes", set.loaded.file, "the volume mounts");
  const container = set.container();
  const spec = set.podSpec();
  const file = set.workloadFile();
  const env = literalEnv(containerEnv(set, container));
  const mounts = container.volumeMounts ?? [];
  const claims = new Set([
    ...set.objects.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => o.metadata.name),
    ...set.external.claims,
  ]);
  const templates = new Set(
    (
      (set.workload().spec as { volumeClaimTemplates?: Array<{ metadata?: { name?: string } }> } | undefined)
        ?.volumeClaimTemplates ?? []
    ).map((t) => t.metadata?.name ?? ""),
  );
  const covered: Record<string, string> = {};
  for (const kind of ["persistent", "ephemeral"] as const) {
    for (const [index, ref] of volumes[kind].entries()) {
      const path = volumePath(contract, ref, env);
      const what = `contract volumes.${kind}[${index}] ${ref}${ref === path ? "" : ` at ${path}`}`;
      const mount = mounts
        .filter((m) => covers(m.mountPath, path))
        .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
      if (!mount) {
        throw new ContractViolation({
          stage: "k8s",
          item: "volumes",
          file,
          field: set.containerField("volumeMounts[].mountPath"),
          expected: `a mount at ${path} or a parent of it (${what})`,
          actual: `no mount covers ${ref} (${path}); mountPaths: ${mounts.map((m) => m.mountPath).join(", ") || "none"}`,
        });
      }
      const volume = (spec.volumes ?? []).find((v) => v.name === mount.name);
      const claim = volume?.persistentVolumeClaim?.claimName;
      const ok =
        kind === "persistent"
          ? (claim !== undefined && claims.has(claim)) ||
            volume?.hostPath !== undefined ||
            (!volume && templates.has(mount.name))
          : volume?.emptyDir !== undefined;
      if (!ok) {
        const expected =
          kind === "persistent"
            ? `a persistentVolumeClaim defined in the manifests or in contract kubernetes.external.claims, or a hostPath (${what} at ${mount.mountPath})`
            : `an emptyDir (${what} at ${mount.mountPath})`;
        throw new ContractViolation({
          stage: "k8s",
          item: "volumes",
          file,
          field: `spec.template.spec.volumes[${mount.name}]`,
          expected,
          actual: !volume
            ? `no volume named ${mount.name}`
            : claim && kind === "persistent"
              ? `claim ${claim} is not defined in the manifests (PVCs: ${[...claims].join(", ") || "none"})`
              : `volume type ${typeOf(volume)}`,
        });
      }
      const backing = claim ? `pvc/${claim}` : volume ? typeOf(volume) : `volumeClaimTemplate/${mount.name}`;
      covered[ref] = `${mount.mountPath}${mount.subPath ? ` (subPath ${mount.subPath})` : ""} ← ${backing}`;
    }
  }
  return covered;
}
