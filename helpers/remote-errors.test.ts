import { describe, expect, it } from "vitest";
import { classifyRemoteFailure, parseRetryAfter } from "./remote-errors.ts";

describe("classifyRemoteFailure", () => {
  it.each([
    [400, "Permanent"],
    [401, "Permanent"],
    [403, "Permanent"],
    [404, "Permanent"],
    [408, "Transient"],
    [429, "Transient"],
    [500, "Transient"],
    [502, "Transient"],
    [503, "Transient"],
  ])("HTTP %i is %s", (status, kind) => {
    const error = classifyRemoteFailure(Object.assign(new Error("boom"), { statusCode: status }), "op");
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.code).toBe(kind === "Permanent" ? "REMOTE_PERMANENT" : "REMOTE_TRANSIENT");
  });

  it("keeps the API error code, the status and the cause", () => {
    const cause = Object.assign(new Error("Scope x does not exist"), {
      statusCode: 404,
      errorCode: "RESOURCE_DOES_NOT_EXIST",
    });
    const error = classifyRemoteFailure(cause, "secrets/get");
    expect(error).toMatchObject({ kind: "Permanent", status: 404, apiErrorCode: "RESOURCE_DOES_NOT_EXIST", cause });
    expect(error.message).toBe(
      "secrets/get failed (Permanent, HTTP 404 RESOURCE_DOES_NOT_EXIST): Scope x does not exist",
    );
  });

  it("treats a missing resource as Permanent even behind a 5xx", () => {
    const error = classifyRemoteFailure({ statusCode: 500, errorCode: "RESOURCE_DOES_NOT_EXIST", message: "x" }, "op");
    expect(error.kind).toBe("Permanent");
  });

  it.each(["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "UND_ERR_SOCKET"])("network code %s is Transient", (code) => {
    const error = classifyRemoteFailure(
      new Error("fetch failed", { cause: Object.assign(new Error(code), { code }) }),
      "op",
    );
    expect(error.kind).toBe("Transient");
    expect(error.apiErrorCode).toBe(code);
  });

  it("classifies a timeout (AbortSignal.timeout) as Transient", () => {
    const error = classifyRemoteFailure(new DOMException("The operation timed out", "TimeoutError"), "op");
    expect(error.kind).toBe("Transient");
  });

  it("reads the status of @kubernetes/client-node ApiException (numeric code)", () => {
    expect(classifyRemoteFailure({ code: 503, body: "{}", message: "HTTP-Code: 503" }, "op").kind).toBe("Transient");
  });

  it("reads the reason of a Kubernetes Status carried as a JSON string", () => {
    const body = JSON.stringify({ kind: "Status", status: "Failure", reason: "Forbidden", code: 403 });
    expect(classifyRemoteFailure({ code: 403, body, message: "HTTP-Code: 403" }, "read pods")).toMatchObject({
      kind: "Permanent",
      status: 403,
      apiErrorCode: "Forbidden",
    });
  });

  it("never retries an unknown programming error", () => {
    expect(classifyRemoteFailure(new TypeError("x is undefined"), "op").kind).toBe("Permanent");
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
