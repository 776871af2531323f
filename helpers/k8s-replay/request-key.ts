/**
 * How a request to the Kubernetes API is matched against a recording. Two requests match when they ask the same
 * question: same verb, path, representation (a kubectl Table or the object itself) and the query parameters that
 * change the answer (selectors, container, command, ports). Parameters that only shape the transfer (limit,
 * timeout, timeoutSeconds, resourceVersion, pretty, follow) are ignored, so a replay does not depend on them. A field
 * selector's terms are compared in sorted order (kubectl describe builds them from a Go map, in any order).
 */

export type RequestKind = "api" | "watch" | "exec" | "portforward";

export interface RequestKey {
  kind: RequestKind;
  /** "GET /api/v1/namespaces/ns/pods?labelSelector=app%3Dobserver", "WATCH …", "EXEC …", "PORTFORWARD …". */
  key: string;
}

const SIGNIFICANT = ["labelSelector", "fieldSelector", "container", "previous", "command", "ports", "dryRun"];

function significantQuery(url: URL): string {
  const pairs: Array<[string, string]> = [];
  for (const name of SIGNIFICANT) {
    for (const value of url.searchParams.getAll(name))
      if (!(name === "previous" && value === "false"))
        pairs.push([name, name === "fieldSelector" ? value.split(",").sort().join(",") : value]);
  }
  // Order of repeated `command` values matters; names are already in a fixed order.
  const query = new URLSearchParams(pairs).toString();
  return query ? `?${query}` : "";
}

function isWatch(url: URL): boolean {
  const value = url.searchParams.get("watch");
  return value === "true" || value === "1";
}

/** "table" when the client asked for a server-side Table (kubectl get), else "object". */
export function representationOf(accept: string | undefined): "table" | "object" {
  return accept?.includes("as=Table") ? "table" : "object";
}

export function requestKey(method: string, target: string, accept?: string): RequestKey {
  const url = new URL(target, "http://replay.invalid");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const query = significantQuery(url);
  if (path.endsWith("/exec") || path.endsWith("/attach")) return { kind: "exec", key: `EXEC ${path}${query}` };
  if (path.endsWith("/portforward")) return { kind: "portforward", key: `PORTFORWARD ${path}${query}` };
  if (method.toUpperCase() === "GET" && isWatch(url)) return { kind: "watch", key: `WATCH ${path}${query}` };
  const table = representationOf(accept) === "table" ? " [table]" : "";
  return { kind: "api", key: `${method.toUpperCase()} ${path}${query}${table}` };
}

/** A tunnelled HTTP exchange through a port-forward: which pod and port, and the request line inside the tunnel. */
export function tunnelKey(portForwardKey: string, method: string, path: string): string {
  return `${portForwardKey} ${method.toUpperCase()} ${path}`;
}

/** Keys only kubectl asks for (its version check, discovery, server-side Tables); the checks never do. */
export function isKubectlOnlyKey(key: string): boolean {
  return / GET \/(version|api|apis)$|\[table\]$/.test(key);
}
