/**
 * The Tables of `kubectl get deploy` and `kubectl get svc`, with the cells kube-apiserver's printDeployment and
 * printService fill in: READY as ready/desired, UP-TO-DATE and AVAILABLE as integers, the Service's type, first
 * cluster IP, external IP (<none> for a ClusterIP without externalIPs), ports as port/protocol and its selector.
 */
import { AGE, age, column, NAME, type ObjectLike, row, table } from "./table-base.ts";

export interface DeploymentRow {
  object: ObjectLike;
  ready: number;
  desired: number;
  updated: number;
  available: number;
  containers: string[];
  images: string[];
  selector: Record<string, string>;
}

/** labels.FormatLabels / metav1.FormatLabelSelector for matchLabels: sorted key=value pairs, "<none>" when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`);
  return pairs.length > 0 ? pairs.join(",") : "<none>";
}

export function deploymentTable(deployments: ReadonlyArray<DeploymentRow>, at: Date, resourceVersion: string) {
  const columns = [
    NAME,
    column("Ready", "Number of the pod with ready state"),
    column(
      "Up-to-date",
      "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
    ),
    column(
      "Available",
      "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
    ),
    AGE,
    column("Containers", "Names of each container in the template.", 1),
    column("Images", "Images referenced by each container in the template.", 1),
    column(
      "Selector",
      "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      1,
    ),
  ];
  const rows = deployments.map((d) =>
    row(
      [
        d.object.metadata.name,
        `${d.ready}/${d.desired}`,
        d.updated,
        d.available,
        age(d.object.metadata.creationTimestamp, at),
        d.containers.join(","),
        d.images.join(","),
        formatLabels(d.selector),
      ],
      d.object,
    ),
  );
  return table(columns, rows, resourceVersion);
}

export interface ServiceRow {
  object: ObjectLike;
  type: string;
  clusterIP: string;
  ports: Array<{ port: number; protocol: string; nodePort?: number }>;
  selector: Record<string, string>;
}

export function serviceTable(services: ReadonlyArray<ServiceRow>, at: Date, resourceVersion: string) {
  const columns = [
    NAME,
    column(
      "Type",
      "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.",
    ),
    column(
      "Cluster-IP",
      "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail.",
    ),
    column(
      "External-IP",
      "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.",
    ),
    column(
      "Port(s)",
      "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies",
    ),
    AGE,
    column(
      "Selector",
      "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.",
      1,
    ),
  ];
  const rows = services.map((s) =>
    row(
      [
        s.object.metadata.name,
        s.type,
        s.clusterIP,
        "<none>",
        s.ports
          .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
          .join(","),
        age(s.object.metadata.creationTimestamp, at),
        formatLabels(s.selector),
      ],
      s.object,
    ),
  );
  return table(columns, rows, resourceVersion);
}
