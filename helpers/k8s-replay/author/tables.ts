/**
 * Server-side printing (meta.k8s.io/v1 Table), what kube-apiserver answers `kubectl get pods|pvc`: the columns of
 * its built-in printers, one row per object with the object's metadata as PartialObjectMetadata.
 */

interface ObjectLike {
  metadata: Record<string, unknown> & { name: string; creationTimestamp: string };
}

function column(name: string, description: string, priority = 0, format = "") {
  return { name, type: "string", format, description, priority };
}

const NAME = column(
  "Name",
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  0,
  "name",
);
const AGE = column(
  "Age",
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
);

/** kubectl's age format (duration.HumanDuration): 45s, 3m20s, 131m, 4h49m, 15h, 3d4h. */
export function age(created: string, at: Date): string {
  const seconds = Math.max(0, Math.floor((at.getTime() - Date.parse(created)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.round(seconds / 3600);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 192) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  return `${Math.floor(hours / 24)}d`;
}

function row(cells: string[], object: ObjectLike) {
  return { cells, object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata } };
}

function table(columns: ReturnType<typeof column>[], rows: ReturnType<typeof row>[], resourceVersion: string) {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: columns,
    rows,
  };
}

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
