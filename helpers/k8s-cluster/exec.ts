/**
 * `kubectl exec` as a function: runs a command in a pod's container through the API server (WebSocket,
 * @kubernetes/client-node's Exec) and resolves with its stdout, stderr and exit code, read from the V1Status the
 * server sends when the command ends ("Success", or "Failure" with reason NonZeroExitCode and the code as a cause).
 */
import { Writable } from "node:stream";
import { Exec, type KubeConfig, type V1Status } from "@kubernetes/client-node";
import { ClusterCheckError } from "./errors.ts";

export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  /** Real-time limit (default 30 s). */
  timeoutMs?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  status: V1Status;
}

function collector(parts: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(Buffer.from(chunk));
      callback();
    },
  });
}

export function exitCodeOf(status: V1Status): number {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : -1;
}

/**
 * Why the exec never started, from client-node's rejection: a WebSocket error event (ws's ErrorEvent: `message`,
 * `error`, and the socket as `target`) rather than an Error. Only its text is kept — never the socket.
 */
export function execRejectionMessage(rejection: unknown, command: ReadonlyArray<string>): string {
  const shown = `could not run \`${command.join(" ")}\` (the WebSocket to the API server failed)`;
  if (rejection instanceof Error) return `${shown}: ${rejection.message}`;
  const event = (rejection ?? {}) as { error?: { message?: unknown }; message?: unknown };
  const text = [event.error?.message, event.message].find((m) => typeof m === "string" && m.trim() !== "");
  return text === undefined ? shown : `${shown}: ${String(text)}`;
}

export async function execInPod(
  kc: KubeConfig,
  request: ExecRequest,
  exec: Pick<Exec, "exec"> = new Exec(kc),
): Promise<ExecResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const where = `exec in ${request.namespace}/${request.pod} (${request.container})`;
  const status = await new Promise<V1Status>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ClusterCheckError(
              "K8S_EXEC_FAILED",
              where,
              `no exit status within ${(request.timeoutMs ?? 30_000) / 1000}s`,
            ),
          ),
        ),
      request.timeoutMs ?? 30_000,
    );
    timer.unref();
    exec
      .exec(
        request.namespace,
        request.pod,
        request.container,
        request.command,
        collector(out),
        collector(err),
        null,
        false,
        (s) => finish(() => resolve(s)),
      )
      .then((ws) => {
        const socket = ws as unknown as { on?: (event: "close", listener: () => void) => void };
        socket.on?.("close", () =>
          finish(() =>
            reject(new ClusterCheckError("K8S_EXEC_FAILED", where, "the connection closed without an exit status")),
          ),
        );
      })
      .catch((error: unknown) =>
        finish(() =>
          reject(
            new ClusterCheckError(
              "K8S_EXEC_FAILED",
              where,
              execRejectionMessage(error, request.command),
              error instanceof Error ? { cause: error } : undefined,
            ),
          ),
        ),
      );
  });
  return {
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
    exitCode: exitCodeOf(status),
    status,
  };
}
