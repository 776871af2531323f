/**
 * Serverless one-time runs (runs/submit): tasks[].environment_key + environments[].spec, spark_python_task with
 * python_file, source and parameters. validateServerlessSubmit runs before any request and rejects the classic
 * cluster fields that made DEV-019 submits fail ("unknown field" and runtime failures), naming the field.
 */
import type { jobs } from "@databricks/sdk-experimental";
import type { VolatileField } from "../replay/index.ts";
import { ServerlessSpecError } from "./errors.ts";

const FORBIDDEN_TOP = ["job_clusters", "new_cluster", "existing_cluster_id", "spark_conf", "spark_env_vars"] as const;
const FORBIDDEN_TASK = [
  "job_cluster_key",
  "new_cluster",
  "existing_cluster_id",
  "spark_conf",
  "spark_env_vars",
  "libraries",
] as const;

const WHY: Record<string, string> = {
  job_clusters: "classic job clusters are not serverless; use environments[]",
  job_cluster_key: "classic job clusters are not serverless; use environment_key",
  new_cluster: "a new classic cluster is not serverless; use environment_key",
  existing_cluster_id: "a fixed classic cluster is not serverless; use environment_key",
  spark_conf: "serverless runs take no Spark cluster configuration",
  spark_env_vars: "serverless runs take no cluster environment variables; pass parameters instead",
  libraries: "serverless tasks take dependencies from environments[].spec.dependencies",
};

function has(value: object, key: string): boolean {
  return Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined;
}

/** Throws ServerlessSpecError for the first classic-cluster field or missing serverless wiring. */
export function validateServerlessSubmit(payload: object): void {
  for (const key of FORBIDDEN_TOP) if (has(payload, key)) throw new ServerlessSpecError(key, WHY[key] ?? "");
  const body = payload as { tasks?: unknown; environments?: unknown };
  if (!Array.isArray(body.tasks) || body.tasks.length === 0)
    throw new ServerlessSpecError("tasks", "at least one task is required");
  const environments = Array.isArray(body.environments)
    ? (body.environments as Array<{ environment_key?: unknown; spec?: unknown }>)
    : [];
  const keys = new Set(environments.map((e) => e.environment_key));
  environments.forEach((env, i) => {
    if (typeof env.environment_key !== "string" || env.environment_key === "") {
      throw new ServerlessSpecError(`environments[${i}].environment_key`, "every environment needs a key");
    }
    const spec = (env.spec ?? {}) as Record<string, unknown>;
    if (!spec.environment_version && !spec.client) {
      throw new ServerlessSpecError(`environments[${i}].spec`, "needs environment_version (or the older client)");
    }
  });
  (body.tasks as object[]).forEach((task, i) => {
    for (const key of FORBIDDEN_TASK) {
      if (has(task, key)) throw new ServerlessSpecError(`tasks[${i}].${key}`, WHY[key] ?? "");
    }
    const key = (task as { environment_key?: unknown }).environment_key;
    if (typeof key !== "string" || !keys.has(key)) {
      throw new ServerlessSpecError(
        `tasks[${i}].environment_key`,
        `must name one of environments[].environment_key (got ${JSON.stringify(key)})`,
      );
    }
  });
}

export interface ServerlessPythonRun {
  runName: string;
  taskKey: string;
  environmentKey: string;
  /** environments[].spec: environment_version (or the older `client`) and dependencies. */
  spec: { environment_version?: string; client?: string; dependencies?: string[] };
  pythonFile: string;
  source?: "WORKSPACE" | "GIT";
  parameters: string[];
  /** Makes a retried submit safe: the same token never starts a second run. */
  idempotencyToken?: string;
  timeoutSeconds?: number;
}

export function buildServerlessSubmit(spec: ServerlessPythonRun): jobs.SubmitRun {
  const payload: jobs.SubmitRun = {
    run_name: spec.runName,
    tasks: [
      {
        task_key: spec.taskKey,
        environment_key: spec.environmentKey,
        spark_python_task: {
          python_file: spec.pythonFile,
          source: spec.source ?? "WORKSPACE",
          parameters: spec.parameters,
        },
      },
    ],
    environments: [{ environment_key: spec.environmentKey, spec: spec.spec }],
    ...(spec.idempotencyToken ? { idempotency_token: spec.idempotencyToken } : {}),
    ...(spec.timeoutSeconds ? { timeout_seconds: spec.timeoutSeconds } : {}),
  };
  validateServerlessSubmit(payload);
  return payload;
}

/** The suffix uniqueRunName adds to a base name: "-20260225T101500Z-a7k2". */
export const UNIQUE_RUN_NAME_SUFFIX = /-\d{8}T\d{6}Z-[0-9a-z]{4}$/;

/** Submit fields that differ on every run (replays ignore only these): the unique suffix of run_name and token. */
export const SUBMIT_VOLATILE_FIELDS: ReadonlyArray<VolatileField> = [
  { path: "run_name", pattern: UNIQUE_RUN_NAME_SUFFIX },
  { path: "idempotency_token", pattern: UNIQUE_RUN_NAME_SUFFIX },
];

/** A unique, traceable run name: `<base>-<UTC stamp>-<random>` (also fit as an idempotency token, ≤ 64 chars). */
export function uniqueRunName(base: string, now: Date, random = Math.random): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0");
  return `${base.slice(0, 40)}-${stamp}-${suffix}`;
}
