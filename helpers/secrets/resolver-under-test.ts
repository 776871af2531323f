/**
 * The resolver a secret smoke step exercises: the built-in reference (resolver.ts) or the user's
 * GET_SECRET_CALLABLE run through python. Each step hands it exactly the variables the runbook step sets
 * (SECRET_SMOKE_KEY, scope variables, the env stub) plus a connection (host and token), and gets back the value or
 * the failure classified Permanent/Transient. Nothing else from the operator's shell leaks into a step.
 */
import { createWorkspaceClient } from "../databricks/client.ts";
import type { RemoteError } from "../remote-errors.ts";
import { type CallableResult, runPythonCallable } from "./python-callable.ts";
import { classifyPythonException } from "./python-exception.ts";
import { classifyResolutionFailure, resolveSecret } from "./resolver.ts";
import { workspaceSecretsApi } from "./secrets-api.ts";

export interface Connection {
  host: string;
  token: string;
}

/** The variables a step sets; a variable that is absent here is unset for the resolver. */
export type StepEnv = Readonly<Record<string, string>>;

export interface StepOutput {
  stdout: string;
  stderr: string;
}

export type Outcome =
  | { ok: true; value: string; output?: StepOutput }
  | { ok: false; error: RemoteError; output?: StepOutput };

export interface ResolverUnderTest {
  /** "built-in" or "GET_SECRET_CALLABLE=module.path:function". */
  readonly description: string;
  resolve(step: StepEnv, connection: Connection): Promise<Outcome>;
}

export function builtInResolver(timeoutMs = 30_000): ResolverUnderTest {
  return {
    description: "built-in",
    resolve: async (step, connection) => {
      const key = step.SECRET_SMOKE_KEY ?? "";
      const client = createWorkspaceClient({ DATABRICKS_HOST: connection.host, DATABRICKS_TOKEN: connection.token });
      try {
        const resolved = await resolveSecret(key, { env: step, api: workspaceSecretsApi(client, timeoutMs) });
        return { ok: true, value: resolved.value };
      } catch (error) {
        return { ok: false, error: classifyResolutionFailure(error, key) };
      }
    },
  };
}

/** Variables a callable step never inherits from the operator's shell: the step sets them itself. */
const NOT_INHERITED = /^(DATABRICKS_|SECRET_|KEY_VAULT_SECRET_SCOPE$|GET_SECRET_CALLABLE$)/;

export function callableEnv(base: NodeJS.ProcessEnv, step: StepEnv, connection: Connection): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) if (!NOT_INHERITED.test(name)) env[name] = value;
  return { ...env, ...step, DATABRICKS_HOST: connection.host, DATABRICKS_TOKEN: connection.token };
}

export interface PythonResolverOptions {
  python?: string;
  timeoutMs?: number;
  cwd?: string;
  /** The environment the child inherits from (PATH, PYTHONPATH, HOME…); default process.env. */
  baseEnv?: NodeJS.ProcessEnv;
}

export function pythonResolver(callable: string, options: PythonResolverOptions = {}): ResolverUnderTest {
  return {
    description: `GET_SECRET_CALLABLE=${callable}`,
    resolve: async (step, connection) => {
      const result: CallableResult = await runPythonCallable({
        callable,
        env: callableEnv(options.baseEnv ?? process.env, step, connection),
        ...(options.python ? { python: options.python } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
      const output = { stdout: result.stdout, stderr: result.stderr };
      if (result.ok) return { ok: true, value: result.value, output };
      const operation = `GET_SECRET_CALLABLE ${callable}(${JSON.stringify(step.SECRET_SMOKE_KEY ?? "")})`;
      return { ok: false, error: classifyPythonException(result.exception, operation), output };
    },
  };
}
