import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { ClusterCheckError } from "./errors.ts";
import { execInPod } from "./exec.ts";

const request = { namespace: "observer-prod", pod: "observer-1", container: "observer", command: ["cat", "/data/m"] };

/** client-node's Exec rejecting with what ws hands its onerror: an ErrorEvent holding the whole socket. */
function rejectingExec(rejection: unknown) {
  return { exec: () => Promise.reject(rejection) };
}

const socket = { readyState: 3, _req: { headers: { authorization: "Bearer not-for-junit" } }, url: "wss://k8s" };

describe("execInPod when the WebSocket to the API server fails", () => {
  it("self-test: an ErrorEvent rejection gives its error's message, names pod and command, and drops the socket", {
    tags: ["self-test"],
  }, async () => {
    const event = {
      type: "error",
      message: "ignored",
      error: new Error("Unexpected server response: 403"),
      target: socket,
    };
    const error = await execInPod(new KubeConfig(), request, rejectingExec(event)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterCheckError);
    expect(error).toMatchObject({ code: "K8S_EXEC_FAILED" });
    expect((error as Error).message).toBe(
      "exec in observer-prod/observer-1 (observer): could not run `cat /data/m` (the WebSocket to the API server failed): Unexpected server response: 403",
    );
    expect((error as Error).cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain("not-for-junit");
  });

  it("self-test: an event without any message still names pod and command, never [object Object]", {
    tags: ["self-test"],
  }, async () => {
    const attempt = execInPod(new KubeConfig(), request, rejectingExec({ type: "error", target: socket }));
    await expect(attempt).rejects.toThrow(
      /^exec in observer-prod\/observer-1 \(observer\): could not run `cat \/data\/m` \(the WebSocket to the API server failed\)$/,
    );
    const error = (await attempt.catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain("[object Object]");
    expect(error.cause).toBeUndefined();
  });

  it("an Error rejection keeps its message and is the cause", async () => {
    const cause = new Error("connect ECONNREFUSED 127.0.0.1:6443");
    const error = (await execInPod(new KubeConfig(), request, rejectingExec(cause)).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/could not run `cat \/data\/m` .*: connect ECONNREFUSED 127\.0\.0\.1:6443$/);
    expect(error.cause).toBe(cause);
  });
});
