/**
 * The resolver a secret smoke step exercises: the built-in reference (resolver.ts) or the user's
 * GET_SECRET_CALLABLE run through python. Each step hands it exactly the variables the runbook step sets
 * (SECRET_SMOKE_KEY, scope variables, the env stub) plus a connection (host and token), and gets back the value or
 * the failure classified Permanent/Transient. Nothing else from the operator's shell leaks into a step.
 * command(step) says how a step ran — the runner and the NAMES of the variables it was given, never their values —
 * for the evidence the runbook asks for ("Attach executed commands").
 */
import { createWorkspaceClient } from "../databricks/client.ts";
import type { RemoteError } from "../remote-errors.ts";
import { type CallableResult, RUNNER, runPythonCallable } from "./python-callable.ts";
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

/** How a step ran, for evidence: no values, only the runner and variable names. */
export interface StepCommand {
  /** The process and its arguments, or the in-process function that resolved the secret. */
  runner: string;
  /** Names of the variables the step gave the resolver, sorted (the values stay out of the evidence). */
  env: string[];
  /** For a child process: what it inherits from the operator's environment. */
  inherited?: string;
}

export interface ResolveOptions {
  /** A shorter time limit for this one resolution (the classification's timeout case); built-in resolver only. */
  timeoutMs?: number;
}

export interface ResolverUnderTest {
  /** "built-in" or "GET_SECRET_CALLABLE=module.path:function". */
  readonly description: string;
  resolve(step: StepEnv, connection: Connection, options?: ResolveOptions): Promise<Outcome>;
  command(step: StepEnv): StepCommand;
}

const CONNECTION_VARIABLES = ["DATABRICKS_HOST", "DATABRICKS_TOKEN"];

function names(...lists: ReadonlyArray<ReadonlyArray<string>>): string[] {
  return [...new Set(lists.flat())].sort();
}

export function builtInResolver(timeoutMs = 30_000): ResolverUnderTest {
  return {
    description: "built-in",
    command: (step) => ({
      runner:
        "resolveSecret(SECRET_SMOKE_KEY) from helpers/secrets/resolver.ts in the smokebook process (SDK client → workspace front)",
      env: names(Object.keys(step), CONNECTION_VARIABLES),
    }),
    resolve: async (step, connection, options = {}) => {
      const key = step.SECRET_SMOKE_KEY ?? "";
      const client = createWorkspaceClient({ DATABRICKS_HOST: connection.host, DATABRICKS_TOKEN: connection.token });
      try {
        const api = workspaceSecretsApi(client, options.timeoutMs ?? timeoutMs);
        const resolved = await resolveSecret(key, { env: step, api });
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

/** What a python step runs: `<python> -c <RUNNER> <result file>` (RUNNER is the runbook one-liner, wrapped). */
export const PYTHON_RUNNER_ARGS =
  "-c <runner_script: the runbook one-liner importing GET_SECRET_CALLABLE and calling it with SECRET_SMOKE_KEY, writing the value or exception to the result file> <fresh temp dir>/result.json";

/** The script a python step runs with `-c` (helpers/secrets/python-callable.ts RUNNER), for the evidence. */
export const PYTHON_RUNNER_SCRIPT = RUNNER;

export function pythonResolver(callable: string, options: PythonResolverOptions = {}): ResolverUnderTest {
  const python = options.python ?? "python3";
  return {
    description: `GET_SECRET_CALLABLE=${callable}`,
    command: (step) => ({
      runner: `${python} ${PYTHON_RUNNER_ARGS}${options.cwd ? ` (cwd ${options.cwd})` : ""}`,
      env: names(Object.keys(step), CONNECTION_VARIABLES, ["GET_SECRET_CALLABLE", "PYTHONDONTWRITEBYTECODE"]),
      inherited:
        "the operator's environment except DATABRICKS_*, SECRET_*, KEY_VAULT_SECRET_SCOPE and GET_SECRET_CALLABLE",
    }),
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
