/**
 * A throwaway TLS identity for the recording proxy: kubectl sends a kubeconfig's credentials only over TLS (its
 * client config drops the user's token for a plain-http server), so the proxy that must see the session token serves
 * HTTPS with a self-signed certificate for 127.0.0.1, made here with openssl and valid for a day; the kubeconfig the
 * proxy writes pins it as the certificate authority. The key never leaves this process's temp folder, removed at once.
 * openssl runs synchronously (not through helpers/process): the proxy needs its certificate before it can listen,
 * inside a synchronous constructor, and the command takes milliseconds.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SmokebookError } from "../errors.ts";

export interface ProxyTls {
  cert: string;
  key: string;
}

export function selfSignedLoopbackTls(): ProxyTls {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-proxy-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=smokebook-record-proxy",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: ["ignore", "ignore", "pipe"], timeout: 20_000 },
    );
    return { cert: readFileSync(join(dir, "cert.pem"), "utf8"), key: readFileSync(join(dir, "key.pem"), "utf8") };
  } catch (error) {
    throw new SmokebookError(
      "K8S_RECORD_TLS",
      `the recording proxy needs openssl for its TLS certificate (kubectl sends credentials only over TLS): ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
