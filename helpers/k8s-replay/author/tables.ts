/** The Tables of `kubectl get pods` and `kubectl get pvc` (table-base.ts for the Table itself). */
import { AGE, age, column, NAME, type ObjectLike, row, table } from "./table-base.ts";

export interface PodRow {
  object: ObjectLike;
  ready: string;
  status: string;
  restarts: string;
  ip: string;
  node: string;
}

export function podTable(pods: ReadonlyArray<PodRow>, at: Date, resourceVersion: string) {
  const columns = [
    NAME,
    column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
    column("Status", "The aggregate status of the containers in this pod."),
    column(
      "Restarts",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE,
    column("IP", "The IP address assigned to the pod", 1),
    column("Node", "The name of the node assigned to the pod", 1),
    column("Nominated Node", "The name of the node nominated by the scheduler", 1),
    column("Readiness Gates", "The readiness gates associated with the pod", 1),
  ];
  const rows = pods.map((p) =>
    row(
      [
        p.object.metadata.name,
        p.ready,
        p.status,
        p.restarts,
        age(p.object.metadata.creationTimestamp, at),
        p.ip,
        p.node,
        "<none>",
        "<none>",
      ],
      p.object,
    ),
  );
  return table(columns, rows, resourceVersion);
}

export interface PvcRow {
  object: ObjectLike;
  status: string;
  volume: string;
  capacity: string;
  storageClass: string;
}

export function pvcTable(pvcs: ReadonlyArray<PvcRow>, at: Date, resourceVersion: string) {
  const columns = [
    NAME,
    column("Status", "Status is the current state of the claim."),
    column("Volume", "VolumeName is the binding reference to the PersistentVolume backing this claim."),
    column("Capacity", "Capacity is the actual resources of the underlying volume."),
    column("Access Modes", "AccessModes contains the actual access modes the volume backing the PVC has."),
    column("StorageClass", "StorageClassName is the name of the StorageClass required by the claim."),
    column(
      "VolumeAttributesClass",
      "VolumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.",
    ),
    AGE,
    column("VolumeMode", "VolumeMode defines what type of volume is required by the claim.", 1),
  ];
  const rows = pvcs.map((p) =>
    row(
      [
        p.object.metadata.name,
        p.status,
        p.volume,
        p.capacity,
        p.capacity ? "RWO" : "",
        p.storageClass,
        "<unset>",
        age(p.object.metadata.creationTimestamp, at),
        "Filesystem",
      ],
      p.object,
    ),
  );
  return table(columns, rows, resourceVersion);
}
