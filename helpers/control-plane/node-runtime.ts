/**
 * The node's container runtime: our own containerd instance (the machine's Debian containerd, not Docker's, whose
 * CRI plugin is disabled) with its CRI plugin on, runc through the cgroupfs driver, the bridge CNI plugin from
 * Debian's containernetworking-plugins, and all its state under the cluster folder. The pod network is a bridge in
 * network namespaces this cluster creates; nothing is routed off the machine (no masquerading).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Kubernetes 1.34's sandbox image; built locally from upstream's pause.c (pause-image.ts), never pulled. */
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10.1";
export const POD_SUBNET = "10.244.0.0/24";
export const CNI_BIN_DIRS = ["/usr/lib/cni", "/opt/cni/bin"];

export interface NodeRuntimePaths {
  root: string;
  state: string;
  socket: string;
  config: string;
  cniConfDir: string;
}

export function nodeRuntimePaths(dir: string): NodeRuntimePaths {
  return {
    root: join(dir, "containerd", "root"),
    state: join(dir, "containerd", "state"),
    socket: join(dir, "run", "containerd.sock"),
    config: join(dir, "containerd", "config.toml"),
    cniConfDir: join(dir, "cni", "net.d"),
  };
}

function containerdConfig(paths: NodeRuntimePaths, cniBinDir: string): string {
  return `version = 2
root = "${paths.root}"
state = "${paths.state}"

[grpc]
  address = "${paths.socket}"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${PAUSE_IMAGE}"
  enable_selinux = false
  # This sandbox's root lacks CAP_SYS_RESOURCE, so a pod's negative oom_score_adj (the sandbox's -998) is refused
  # by the kernel and runc fails; keep every container's score at or above containerd's own instead.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "${cniBinDir}"
    conf_dir = "${paths.cniConfDir}"
`;
}

function cniConfig(bridge: string): string {
  return `${JSON.stringify(
    {
      cniVersion: "0.4.0",
      name: "smokebook-pods",
      plugins: [
        {
          type: "bridge",
          bridge,
          isGateway: true,
          ipMasq: false,
          hairpinMode: true,
          ipam: { type: "host-local", ranges: [[{ subnet: POD_SUBNET }]], routes: [{ dst: "0.0.0.0/0" }] },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  )}\n`;
}

/** Writes containerd's config and the CNI network; returns the paths. */
export async function writeNodeRuntimeConfig(
  dir: string,
  cniBinDir: string,
  bridge: string,
): Promise<NodeRuntimePaths> {
  const paths = nodeRuntimePaths(dir);
  for (const d of [paths.root, paths.state, join(dir, "run"), paths.cniConfDir]) await mkdir(d, { recursive: true });
  await writeFile(paths.config, containerdConfig(paths, cniBinDir));
  await writeFile(join(paths.cniConfDir, "10-smokebook.conflist"), cniConfig(bridge));
  return paths;
}
