/**
 * Server-side printing (meta.k8s.io/v1 Table), what kube-apiserver answers `kubectl get <resource>`: the columns of
 * its built-in printers (pkg/printers/internalversion), one row per object with the object's metadata as
 * PartialObjectMetadata. The printers' wide columns are always included (the server prints wide; kubectl hides them).
 */

export interface ObjectLike {
  metadata: Record<string, unknown> & { name: string; creationTimestamp: string };
}

export function column(name: string, description: string, priority = 0, format = "") {
  return { name, type: "string", format, description, priority };
}

export const NAME = column(
  "Name",
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  0,
  "name",
);
export const AGE = column(
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

export function row(cells: Array<string | number>, object: ObjectLike) {
  return { cells, object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata } };
}

export function table(columns: ReturnType<typeof column>[], rows: ReturnType<typeof row>[], resourceVersion: string) {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: columns,
    rows,
  };
}
