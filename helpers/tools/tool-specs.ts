/**
 * The pinned upstream tools `npm run setup:tools` builds from the Go module proxy, and how each is built.
 *
 * - `go-install`: a module whose own go.mod builds as it is (`go install <pkg>@<version>`).
 * - `module`: built inside one of our own small Go modules under `tools/` (e.g. `tools/kubernetes`), because the
 *   upstream go.mod replaces its staging modules with local paths and so cannot be `go install`ed; our go.mod requires
 *   the upstream module and pins every staging module to the matching release. Only upstream sources are compiled.
 *
 * The version stamp of a built tool is derived from everything here (see tool-stamp.ts): changing a version, a flag or
 * the module's go.sum rebuilds that tool on the next run.
 */
import type { ToolName } from "./find-tool.ts";

export const HELM_VERSION = "v4.3.2";
/** One Kubernetes minor for every control-plane binary; the staging modules in tools/kubernetes/go.mod match it. */
export const KUBERNETES_VERSION = "v1.34.4";
export const ETCD_VERSION = "v3.6.16";

export interface GoToolSpec {
  name: ToolName;
  /** The upstream version this build is (what `<tool> --version` reports). */
  version: string;
  kind: "go-install" | "module";
  /** Go package of the main program. */
  pkg: string;
  /** For `module`: our Go module folder, relative to the checkout. */
  moduleDir?: string;
  ldflags: string[];
  tags?: string[];
  env?: Record<string, string>;
}

/** ldflags that make `kubectl get --raw /version` and `--version` show the upstream release. */
function kubeVersionFlags(version: string): string[] {
  const [major, minor] = version.replace(/^v/, "").split(".");
  const pkg = "k8s.io/component-base/version";
  const client = "k8s.io/client-go/pkg/version";
  const flags: string[] = [];
  for (const p of [pkg, client]) {
    flags.push(
      `-X ${p}.gitVersion=${version}`,
      `-X ${p}.gitMajor=${major}`,
      `-X ${p}.gitMinor=${minor}`,
      `-X ${p}.gitTreeState=clean`,
      `-X ${p}.buildDate=1970-01-01T00:00:00Z`,
    );
  }
  return flags;
}

function kubeBinary(name: ToolName): GoToolSpec {
  return {
    name,
    version: KUBERNETES_VERSION,
    kind: "module",
    pkg: `k8s.io/kubernetes/cmd/${name}`,
    moduleDir: "tools/kubernetes",
    ldflags: ["-s", "-w", ...kubeVersionFlags(KUBERNETES_VERSION)],
    env: { CGO_ENABLED: "0" },
  };
}

export const TOOL_SPECS: readonly GoToolSpec[] = [
  {
    name: "helm",
    version: HELM_VERSION,
    kind: "go-install",
    pkg: "helm.sh/helm/v4/cmd/helm",
    ldflags: ["-s", "-w", `-X helm.sh/helm/v4/internal/version.version=${HELM_VERSION}`],
    env: { CGO_ENABLED: "0" },
  },
  {
    // Debian's etcd-server (3.4.23, accepted by kube-apiserver 1.34) is used when installed: it is on PATH.
    name: "etcd",
    version: ETCD_VERSION,
    kind: "module",
    pkg: "go.etcd.io/etcd/server/v3",
    moduleDir: "tools/etcd",
    ldflags: ["-s", "-w"],
    env: { CGO_ENABLED: "0" },
  },
  kubeBinary("kube-apiserver"),
  kubeBinary("kube-controller-manager"),
  kubeBinary("kube-scheduler"),
  kubeBinary("kubelet"),
];

export function toolSpec(name: string): GoToolSpec | undefined {
  return TOOL_SPECS.find((spec) => spec.name === name);
}
