/**
 * The kubelet's KubeletConfiguration: serving on 127.0.0.1 with the cluster CA's certificate, client certificates and
 * webhook authorization (no anonymous access), the cgroupfs driver (this machine has no systemd; cgroup v1 is
 * accepted explicitly), our containerd's socket, and eviction/image GC thresholds low enough that a busy shared disk
 * does not evict the smoke's pods.
 */
import { writeFile } from "node:fs/promises";
import { stringify } from "yaml";
import type { ClusterPki } from "./pki.ts";

export async function writeKubeletConfig(
  path: string,
  port: number,
  pki: ClusterPki,
  containerdSocket: string,
): Promise<string> {
  const config = {
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    kind: "KubeletConfiguration",
    address: "127.0.0.1",
    port,
    readOnlyPort: 0,
    healthzBindAddress: "127.0.0.1",
    healthzPort: 0,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: pki.ca.cert },
    },
    authorization: { mode: "Webhook" },
    tlsCertFile: pki.kubeletServing.cert,
    tlsPrivateKeyFile: pki.kubeletServing.key,
    cgroupDriver: "cgroupfs",
    failSwapOn: false,
    failCgroupV1: false,
    containerRuntimeEndpoint: `unix://${containerdSocket}`,
    clusterDomain: "cluster.local",
    resolvConf: "/etc/resolv.conf",
    evictionHard: { "imagefs.available": "1%", "nodefs.available": "1%", "memory.available": "100Mi" },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    serializeImagePulls: false,
  };
  await writeFile(path, stringify(config));
  return path;
}
