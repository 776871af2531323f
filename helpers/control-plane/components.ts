/**
 * Command lines of the cluster's processes: etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
 * containerd and kubelet, every listener on 127.0.0.1. Identities come from pki.ts; the API server reaches the
 * kubelet by its Hostname address (the node is named `localhost`: a kubelet refuses a loopback node IP, and this
 * keeps every control-plane connection on loopback).
 */
import { join } from "node:path";
import type { ClusterState } from "./cluster-state.ts";
import type { NodeRuntimePaths } from "./node-runtime.ts";
import type { ClusterPki } from "./pki.ts";

export const NODE_NAME = "localhost";
export const SERVICE_CIDR = "10.0.0.0/24";
export const SERVICE_IP = "10.0.0.1";

export interface ComponentCommand {
  name: string;
  /** Key of the binary (resolved through find-tool.ts), or an absolute command. */
  tool: string;
  args: string[];
}

export function etcdCommand(dir: string, ports: ClusterState["ports"]): ComponentCommand {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return {
    name: "etcd",
    tool: "etcd",
    args: [
      "--name=smokebook",
      `--data-dir=${join(dir, "etcd")}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=smokebook=${peer}`,
      "--initial-cluster-state=new",
    ],
  };
}

export function apiserverCommand(dir: string, ports: ClusterState["ports"], pki: ClusterPki): ComponentCommand {
  return {
    name: "kube-apiserver",
    tool: "kube-apiserver",
    args: [
      `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${ports.apiserver}`,
      `--cert-dir=${join(dir, "apiserver")}`,
      `--tls-cert-file=${pki.apiserver.cert}`,
      `--tls-private-key-file=${pki.apiserver.key}`,
      `--client-ca-file=${pki.ca.cert}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      "--authorization-mode=Node,RBAC",
      "--allow-privileged=true",
      `--kubelet-client-certificate=${pki.apiserverKubeletClient.cert}`,
      `--kubelet-client-key=${pki.apiserverKubeletClient.key}`,
      `--kubelet-certificate-authority=${pki.ca.cert}`,
      "--kubelet-preferred-address-types=Hostname,InternalIP",
      "--profiling=false",
    ],
  };
}

export function controllerManagerCommand(kubeconfig: string, pki: ClusterPki): ComponentCommand {
  return {
    name: "kube-controller-manager",
    tool: "kube-controller-manager",
    args: [
      `--kubeconfig=${kubeconfig}`,
      "--bind-address=127.0.0.1",
      "--secure-port=0",
      "--leader-elect=false",
      "--use-service-account-credentials=true",
      `--service-account-private-key-file=${pki.serviceAccountKey}`,
      `--root-ca-file=${pki.ca.cert}`,
      `--cluster-signing-cert-file=${pki.ca.cert}`,
      `--cluster-signing-key-file=${pki.ca.key}`,
      "--cluster-name=smokebook",
      "--profiling=false",
    ],
  };
}

export function schedulerCommand(kubeconfig: string): ComponentCommand {
  return {
    name: "kube-scheduler",
    tool: "kube-scheduler",
    args: [`--kubeconfig=${kubeconfig}`, "--bind-address=127.0.0.1", "--secure-port=0", "--leader-elect=false"],
  };
}

export function containerdCommand(runtime: NodeRuntimePaths): ComponentCommand {
  return { name: "containerd", tool: "containerd", args: [`--config=${runtime.config}`] };
}

export function kubeletCommand(dir: string, config: string, kubeconfig: string): ComponentCommand {
  return {
    name: "kubelet",
    tool: "kubelet",
    args: [
      `--config=${config}`,
      `--kubeconfig=${kubeconfig}`,
      `--root-dir=${join(dir, "kubelet")}`,
      `--cert-dir=${join(dir, "kubelet-pki")}`,
      `--hostname-override=${NODE_NAME}`,
    ],
  };
}
