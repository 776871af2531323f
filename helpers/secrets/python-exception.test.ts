import { delimiter } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { fromRoot } from "../paths.ts";
import { redactText } from "../redact.ts";
import { ResolverRunError } from "./errors.ts";
import { type PythonException, readCallableSpec, runPythonCallable } from "./python-callable.ts";
import { classifyPythonException } from "./python-exception.ts";

const exc = (
  type: string,
  mro: string[],
  attributes: PythonException["attributes"] = {},
  cause?: PythonException,
): PythonException => ({
  type,
  module: "x",
  mro: [type, ...mro, "BaseException", "object"],
  message: `${type} happened`,
  attributes,
  ...(cause ? { cause } : {}),
});

describe("classifyPythonException", () => {
  it.each([
    [
      "declared PermanentSecretError",
      exc("PermanentSecretError", ["SecretError", "Exception"], { status_code: 429 }),
      "Permanent",
    ],
    [
      "declared TransientSecretError",
      exc("TransientSecretError", ["SecretError", "Exception"], { status_code: 403 }),
      "Transient",
    ],
    ["kind attribute", exc("SecretError", ["Exception"], { kind: "transient" }), "Transient"],
    ["HTTPError 403", exc("HTTPError", ["URLError", "OSError", "Exception"], { code: 403, status: 403 }), "Permanent"],
    ["HTTPError 404", exc("HTTPError", ["URLError", "OSError", "Exception"], { status: 404 }), "Permanent"],
    ["HTTPError 429", exc("HTTPError", ["URLError", "OSError", "Exception"], { status: 429 }), "Transient"],
    ["HTTPError 503", exc("HTTPError", ["URLError", "OSError", "Exception"], { status: 503 }), "Transient"],
    [
      "requests HTTPError 500 via response",
      exc("HTTPError", ["RequestException", "OSError"], { response_status: 500 }),
      "Transient",
    ],
    [
      "databricks-sdk ResourceDoesNotExist",
      exc("ResourceDoesNotExist", ["NotFound", "DatabricksError", "IOError"], {
        error_code: "RESOURCE_DOES_NOT_EXIST",
      }),
      "Permanent",
    ],
    [
      "databricks-sdk PermissionDenied",
      exc("PermissionDenied", ["DatabricksError", "IOError"], { error_code: "PERMISSION_DENIED" }),
      "Permanent",
    ],
    [
      "databricks-sdk TemporarilyUnavailable",
      exc("TemporarilyUnavailable", ["DatabricksError", "IOError"], { error_code: "TEMPORARILY_UNAVAILABLE" }),
      "Transient",
    ],
    ["databricks-sdk TooManyRequests", exc("TooManyRequests", ["DatabricksError", "IOError"]), "Transient"],
    ["TimeoutError", exc("TimeoutError", ["OSError", "Exception"]), "Transient"],
    [
      "RemoteDisconnected",
      exc("RemoteDisconnected", ["ConnectionResetError", "BadStatusLine", "OSError"]),
      "Transient",
    ],
    [
      "URLError wrapping ConnectionRefusedError",
      exc("URLError", ["OSError", "Exception"], {}, exc("ConnectionRefusedError", ["ConnectionError", "OSError"])),
      "Transient",
    ],
    ["KeyError (missing stub and scope)", exc("KeyError", ["LookupError", "Exception"]), "Permanent"],
    ["RuntimeError (unknown)", exc("RuntimeError", ["Exception"]), "Permanent"],
  ])("%s → %s", (_name, exception, kind) => {
    expect(classifyPythonException(exception, "get_secret").kind).toBe(kind);
  });

  it("says how it decided", () => {
    expect(classifyPythonException(exc("HTTPError", ["OSError"], { status: 429 }), "get_secret").message).toBe(
      "get_secret failed (Transient, HTTP 429): x.HTTPError: HTTPError happened",
    );
  });
});

describe("GET_SECRET_CALLABLE", () => {
  it.each(["pkg.mod:get_secret", "m:f", "a_b.c2:_f"])("accepts %j", (value) => {
    expect(readCallableSpec({ GET_SECRET_CALLABLE: value })).toBe(value);
  });
  it.each(["pkg.mod", "pkg.mod:", ":f", "pkg mod:f", "pkg.mod:f()", "1pkg:f"])(
    "rejects %j naming the variable",
    { tags: ["self-test"] },
    (value) => {
      expect(() => readCallableSpec({ GET_SECRET_CALLABLE: value })).toThrow(EnvValueError);
      expect(() => readCallableSpec({ GET_SECRET_CALLABLE: value })).toThrow(
        /^GET_SECRET_CALLABLE=.* expected module\.path:function$/,
      );
    },
  );

  const env = {
    ...process.env,
    PYTHONPATH: [fromRoot("fixtures/secret-resolution/python"), process.env.PYTHONPATH].filter(Boolean).join(delimiter),
  };

  it("runs the callable like the runbook's one-liner and registers the value it returns", async () => {
    const result = await runPythonCallable({
      callable: "smokebook_secret_sample.reference:get_secret",
      env: {
        ...env,
        SECRET_SMOKE_KEY: "azure-openai-endpoint",
        SECRET_AZURE_OPENAI_ENDPOINT: "https://stub-value-77.example",
      },
    });
    expect(result).toMatchObject({ ok: true, value: "https://stub-value-77.example", valueType: "str" });
    expect(redactText("x https://stub-value-77.example")).toBe("x [REDACTED]");
  });

  it("reports the exception with its MRO and attributes", async () => {
    const result = await runPythonCallable({
      callable: "smokebook_secret_sample.reference:get_secret",
      env: { ...env, SECRET_SMOKE_KEY: "azure-openai-endpoint" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.exception).toMatchObject({
      type: "PermanentSecretError",
      mro: ["PermanentSecretError", "SecretError", "Exception", "BaseException", "object"],
      attributes: { kind: "Permanent", error_code: "SCOPE_NOT_CONFIGURED" },
    });
  });

  it("a missing interpreter fails naming the callable", { tags: ["self-test"] }, async () => {
    const attempt = runPythonCallable({ callable: "m:f", env, python: "/nonexistent/python3" });
    await expect(attempt).rejects.toThrow(ResolverRunError);
    await expect(runPythonCallable({ callable: "m:f", env, python: "/nonexistent/python3" })).rejects.toThrow(
      /^GET_SECRET_CALLABLE=m:f \/nonexistent\/python3 exited without a result \(ENOENT\)/,
    );
  });

  it("a callable that hangs is stopped at the time limit", { tags: ["self-test"] }, async () => {
    const callable = "smokebook_secret_sample.broken:get_secret_hangs";
    const attempt = runPythonCallable({ callable, env: { ...env, SECRET_SMOKE_KEY: "k" }, timeoutMs: 500 });
    await expect(attempt).rejects.toThrow(`GET_SECRET_CALLABLE=${callable} did not return within 0.5s`);
  });
});
