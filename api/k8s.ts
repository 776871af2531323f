/**
 * smokebook/k8s: the `kube` session (the kubeconfig's cluster live, a recorded API server in replay) and the
 * cluster helpers the seed smokes use.
 */
export type { KubeSessionSpec } from "../helpers/define-smoke/session-openers.ts";
export type { ClusterConnection } from "../helpers/k8s-cluster/connect.ts";
export { waitDeploymentAvailable } from "../helpers/k8s-cluster/deployment-check.ts";
export { execInPod } from "../helpers/k8s-cluster/exec.ts";
export type { KubeClients } from "../helpers/k8s-cluster/kube-client.ts";
export { kubeClients, loadKubeConfig } from "../helpers/k8s-cluster/kube-client.ts";
export { kubeconfigProblem } from "../helpers/k8s-cluster/kubeconfig-requirement.ts";
export { openPortForward } from "../helpers/k8s-cluster/port-forward.ts";
export { rolloutRestart } from "../helpers/k8s-cluster/rollout.ts";
