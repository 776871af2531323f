/**
 * The cluster's certificates, made with the machine's openssl in `<state>/pki`: one CA, the API server's serving
 * certificate (loopback and the in-cluster names), a client certificate per component (the identities Kubernetes'
 * default RBAC knows: system:kube-controller-manager, system:kube-scheduler, system:node:<node>), an admin in
 * system:masters for the harness, the kubelet's serving certificate, and the service-account signing key.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { $ } from "zx";
import { SmokebookError } from "../errors.ts";

export interface ClientCert {
  cert: string;
  key: string;
}

export interface ClusterPki {
  dir: string;
  ca: ClientCert;
  apiserver: ClientCert;
  admin: ClientCert;
  controllerManager: ClientCert;
  scheduler: ClientCert;
  kubeletClient: ClientCert;
  kubeletServing: ClientCert;
  apiserverKubeletClient: ClientCert;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

export class PkiError extends SmokebookError {
  constructor(step: string, stderr: string) {
    super("CLUSTER_PKI_FAILED", `openssl failed while making ${step}: ${stderr.trim().slice(0, 400)}`);
  }
}

async function openssl(step: string, args: string[]): Promise<void> {
  const out = await $({ quiet: true, nothrow: true })`openssl ${args}`;
  if (out.exitCode !== 0) throw new PkiError(step, out.stderr || `exit ${out.exitCode}`);
}

interface CertRequest {
  name: string;
  subject: string;
  usage: "server" | "client" | "ca";
  altNames?: string[];
}

function config(req: CertRequest): string {
  const ext =
    req.usage === "ca"
      ? ["basicConstraints = critical, CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign, digitalSignature"]
      : [
          "basicConstraints = critical, CA:FALSE",
          "keyUsage = critical, digitalSignature, keyEncipherment",
          `extendedKeyUsage = ${req.usage === "server" ? "serverAuth" : "clientAuth"}`,
          ...(req.altNames ? [`subjectAltName = ${req.altNames.join(", ")}`] : []),
        ];
  return ["[req]", "distinguished_name = dn", "prompt = no", "[dn]", "[ext]", ...ext, ""].join("\n");
}

async function issue(dir: string, req: CertRequest, ca?: ClientCert): Promise<ClientCert> {
  const pair = { cert: join(dir, `${req.name}.crt`), key: join(dir, `${req.name}.key`) };
  const cnf = join(dir, `${req.name}.cnf`);
  await writeFile(cnf, config(req));
  const signing = ca ? ["-CA", ca.cert, "-CAkey", ca.key] : [];
  await openssl(req.name, [
    "req",
    "-x509",
    "-new",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "30",
    "-subj",
    req.subject,
    "-config",
    cnf,
    "-extensions",
    "ext",
    "-keyout",
    pair.key,
    "-out",
    pair.cert,
    ...signing,
  ]);
  return pair;
}

export async function makePki(dir: string, nodeName: string, serviceIp: string): Promise<ClusterPki> {
  const ca = await issue(dir, { name: "ca", subject: "/CN=smokebook-cluster-ca", usage: "ca" });
  const client = (name: string, subject: string) => issue(dir, { name, subject, usage: "client" }, ca);
  const apiserver = await issue(
    dir,
    {
      name: "apiserver",
      subject: "/CN=kube-apiserver",
      usage: "server",
      altNames: [
        "IP:127.0.0.1",
        `IP:${serviceIp}`,
        "DNS:localhost",
        "DNS:kubernetes",
        "DNS:kubernetes.default",
        "DNS:kubernetes.default.svc",
        "DNS:kubernetes.default.svc.cluster.local",
      ],
    },
    ca,
  );
  const kubeletServing = await issue(
    dir,
    {
      name: "kubelet-serving",
      subject: `/CN=${nodeName}`,
      usage: "server",
      altNames: ["IP:127.0.0.1", `DNS:${nodeName}`],
    },
    ca,
  );
  const serviceAccountKey = join(dir, "sa.key");
  const serviceAccountPub = join(dir, "sa.pub");
  await openssl("sa.key", [
    "genpkey",
    "-algorithm",
    "RSA",
    "-pkeyopt",
    "rsa_keygen_bits:2048",
    "-out",
    serviceAccountKey,
  ]);
  await openssl("sa.pub", ["pkey", "-in", serviceAccountKey, "-pubout", "-out", serviceAccountPub]);
  return {
    dir,
    ca,
    apiserver,
    kubeletServing,
    admin: await client("admin", "/O=system:masters/CN=smokebook-admin"),
    controllerManager: await client("kube-controller-manager", "/CN=system:kube-controller-manager"),
    scheduler: await client("kube-scheduler", "/CN=system:kube-scheduler"),
    kubeletClient: await client("kubelet-client", `/O=system:nodes/CN=system:node:${nodeName}`),
    apiserverKubeletClient: await client(
      "apiserver-kubelet-client",
      "/O=system:masters/CN=kube-apiserver-kubelet-client",
    ),
    serviceAccountKey,
    serviceAccountPub,
  };
}
