/**
 * Runs GET_SECRET_CALLABLE (module.path:function) the way the runbook does — `python -c` importing the module and
 * calling the function with SECRET_SMOKE_KEY — in an environment the harness prepares per step. A small wrapper
 * around the runbook's one-liner writes what happened (the value, or the exception with its type, MRO, message and
 * status/error-code attributes) to a result file, so the harness never parses the callable's own output and the
 * value never passes through a log. Values are registered for redaction as soon as they are read.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { registerSecret } from "../redact.ts";
import { ResolverRunError } from "./errors.ts";

const CALLABLE_SHAPE = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*:[A-Za-z_][\w]*$/;

/** GET_SECRET_CALLABLE when set; a value that is not module.path:function is an EnvValueError. */
export function readCallableSpec(env: Env): string | undefined {
  const value = env.GET_SECRET_CALLABLE?.trim();
  if (!value) return undefined;
  if (!CALLABLE_SHAPE.test(value)) throw new EnvValueError("GET_SECRET_CALLABLE", value, "module.path:function");
  return value;
}

export interface PythonException {
  type: string;
  module: string;
  mro: string[];
  message: string;
  attributes: Record<string, string | number | boolean>;
  cause?: PythonException;
}

export type CallableResult =
  | { ok: true; value: string; valueType: string; stdout: string; stderr: string }
  | { ok: false; exception: PythonException; stdout: string; stderr: string };

/** The runbook's one-liner, wrapped: same import and call, plus a JSON report of the result. */
export const RUNNER = `
import importlib, json, os, sys
def describe(e, depth=0):
    d = {"type": type(e).__name__, "module": type(e).__module__, "mro": [c.__name__ for c in type(e).__mro__], "message": str(e)[:2000], "attributes": {}}
    for name in ("status_code", "status", "http_status", "code", "errno", "error_code", "reason", "kind", "classification", "retryable", "transient"):
        v = getattr(e, name, None)
        if isinstance(v, (bool, int, str)):
            d["attributes"][name] = v if not isinstance(v, str) else v[:200]
    response = getattr(e, "response", None)
    for name in ("status_code", "status"):
        v = getattr(response, name, None)
        if isinstance(v, int) and not isinstance(v, bool):
            d["attributes"]["response_status"] = v
            break
    inner = e.__cause__ or e.__context__
    if inner is not None and depth < 4:
        d["cause"] = describe(inner, depth + 1)
    return d
out = sys.argv[1]
try:
    module_path, func_name = os.environ["GET_SECRET_CALLABLE"].split(":", 1)
    get_secret = getattr(importlib.import_module(module_path), func_name)
    value = get_secret(os.environ["SECRET_SMOKE_KEY"])
    text = value.decode("utf-8", "replace") if isinstance(value, (bytes, bytearray)) else ("" if value is None else str(value))
    result = {"ok": True, "value": text, "value_type": type(value).__name__}
except BaseException as e:
    result = {"ok": False, "exception": describe(e)}
with open(out, "w", encoding="utf-8") as f:
    json.dump(result, f)
`;

import { run } from "../process/run.ts";

export interface RunCallableOptions {
  callable: string;
  /** The complete child environment (the caller decides what is inherited). */
  env: NodeJS.ProcessEnv;
  python?: string;
  timeoutMs?: number;
  cwd?: string;
}

function tail(text: string, max = 2000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

export async function runPythonCallable(options: RunCallableOptions): Promise<CallableResult> {
  const python = options.python ?? "python3";
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dir = mkdtempSync(join(tmpdir(), "smokebook-get-secret-"));
  const resultPath = join(dir, "result.json");
  // No .pyc files in the user's tree (or in read-only fixtures).
  const env = { ...options.env, GET_SECRET_CALLABLE: options.callable, PYTHONDONTWRITEBYTECODE: "1" };
  const result = await run([python, "-c", RUNNER, resultPath], {
    env,
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    timeoutMs,
  });
  const { stdout, stderr } = result;
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(readFileSync(resultPath, "utf8")) as Record<string, unknown>;
  } catch {
    parsed = undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (parsed?.ok === true && typeof parsed.value === "string") {
    registerSecret(parsed.value);
    return { ok: true, value: parsed.value, valueType: String(parsed.value_type), stdout, stderr };
  }
  if (parsed?.ok === false && parsed.exception && typeof parsed.exception === "object") {
    return { ok: false, exception: parsed.exception as PythonException, stdout, stderr };
  }
  const why = result.timedOut
    ? `did not return within ${timeoutMs / 1000}s`
    : `${python} exited without a result (${result.notFound ? "ENOENT" : String(result.exitCode ?? result.signal)}); stderr: ${tail(stderr).trim() || "(empty)"}`;
  throw new ResolverRunError(`GET_SECRET_CALLABLE=${options.callable} ${why}`);
}
