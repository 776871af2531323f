/**
 * What kubectl asks before `get`: /version (kubectl's dispatcher) and the aggregated discovery documents of
 * /api and /apis (apidiscovery.k8s.io/v2 APIGroupDiscoveryList, served by kube-apiserver 1.30+ when asked for
 * with that Accept), limited to the resources the recordings hold.
 */

export const DISCOVERY_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

export const TABLE_ACCEPT =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

export const VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.4",
  gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
  gitTreeState: "clean",
  buildDate: "2025-04-22T16:02:27Z",
  goVersion: "go1.23.6",
  compiler: "gc",
  platform: "linux/amd64",
};

const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function kindOf(group: string, kind: string) {
  return { group, version: "", kind };
}

function resource(
  group: string,
  plural: string,
  singular: string,
  kind: string,
  extra: { shortNames?: string[]; categories?: string[]; subresources?: Array<[string, string, string[]]> } = {},
) {
  return {
    resource: plural,
    responseKind: kindOf(group, kind),
    scope: "Namespaced",
    singularResource: singular,
    verbs: ALL_VERBS,
    ...(extra.shortNames ? { shortNames: extra.shortNames } : {}),
    ...(extra.categories ? { categories: extra.categories } : {}),
    ...(extra.subresources
      ? {
          subresources: extra.subresources.map(([sub, k, verbs]) => ({
            subresource: sub,
            responseKind: kindOf(group, k),
            verbs,
          })),
        }
      : {}),
  };
}

export const CORE_DISCOVERY = {
  kind: "APIGroupDiscoveryList",
  apiVersion: "apidiscovery.k8s.io/v2",
  metadata: {},
  items: [
    {
      metadata: { creationTimestamp: null },
      versions: [
        {
          version: "v1",
          resources: [
            resource("", "configmaps", "configmap", "ConfigMap", { shortNames: ["cm"] }),
            resource("", "events", "event", "Event", { shortNames: ["ev"] }),
            resource("", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", {
              shortNames: ["pvc"],
              subresources: [["status", "PersistentVolumeClaim", ["get", "patch", "update"]]],
            }),
            resource("", "pods", "pod", "Pod", {
              shortNames: ["po"],
              categories: ["all"],
              subresources: [
                ["exec", "PodExecOptions", ["create", "get"]],
                ["log", "Pod", ["get"]],
                ["portforward", "PodPortForwardOptions", ["create", "get"]],
                ["status", "Pod", ["get", "patch", "update"]],
              ],
            }),
            resource("", "secrets", "secret", "Secret"),
            resource("", "services", "service", "Service", {
              shortNames: ["svc"],
              categories: ["all"],
              subresources: [["status", "Service", ["get", "patch", "update"]]],
            }),
          ],
          freshness: "Current",
        },
      ],
    },
  ],
};

export const APIS_DISCOVERY = {
  kind: "APIGroupDiscoveryList",
  apiVersion: "apidiscovery.k8s.io/v2",
  metadata: {},
  items: [
    {
      metadata: { name: "apps", creationTimestamp: null },
      versions: [
        {
          version: "v1",
          resources: [
            resource("apps", "deployments", "deployment", "Deployment", {
              shortNames: ["deploy"],
              categories: ["all"],
              subresources: [
                ["scale", "Scale", ["get", "patch", "update"]],
                ["status", "Deployment", ["get", "patch", "update"]],
              ],
            }),
            resource("apps", "replicasets", "replicaset", "ReplicaSet", { shortNames: ["rs"], categories: ["all"] }),
          ],
          freshness: "Current",
        },
      ],
    },
  ],
};
