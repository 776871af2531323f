/** A kubeconfig for one identity of the local cluster: the CA and a client certificate, by file path. */
import { writeFile } from "node:fs/promises";
import { stringify } from "yaml";
import type { ClientCert } from "./pki.ts";

export async function writeKubeconfig(
  path: string,
  server: string,
  caFile: string,
  client: ClientCert,
  user: string,
  namespace = "default",
): Promise<string> {
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "smokebook-local", cluster: { server, "certificate-authority": caFile } }],
    users: [{ name: user, user: { "client-certificate": client.cert, "client-key": client.key } }],
    contexts: [{ name: `${user}@smokebook-local`, context: { cluster: "smokebook-local", user, namespace } }],
    "current-context": `${user}@smokebook-local`,
    preferences: {},
  };
  await writeFile(path, stringify(doc), { mode: 0o600 });
  return path;
}
