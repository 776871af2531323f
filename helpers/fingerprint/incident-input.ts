/**
 * The DEV-012 runtime input: one incident as captured from `databricks jobs get-run` and `get-run-output`
 * (see fixtures/runtime_inputs/). Only the fields the fingerprint identifies an incident by are required;
 * everything else (ids, timestamps, alert metadata) is kept as it is.
 */
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { RuntimeInputError } from "./errors.ts";

const nonEmpty = z.string().trim().min(1);

export const incidentInputSchema = z.looseObject({
  pipeline: nonEmpty,
  failed_task: z.looseObject({
    task_key: nonEmpty,
    state: z.looseObject({ result_state: nonEmpty }),
  }),
  run_output: z.looseObject({ error: nonEmpty }),
});

export type IncidentInput = z.infer<typeof incidentInputSchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

export function parseIncidentInput(value: unknown, path: string): IncidentInput {
  const parsed = incidentInputSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new RuntimeInputError("invalid-shape", path, `not a DEV-012 incident input (${describeIssues(parsed.error)})`);
}

/** Reads and validates the input; every failure is a RuntimeInputError naming `path`. */
export function loadIncidentInput(path: string): IncidentInput {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new RuntimeInputError("missing", path, "file does not exist", error);
    const reason = code === "EISDIR" ? "is a directory, not a file" : `cannot be read (${code ?? String(error)})`;
    throw new RuntimeInputError("unreadable", path, reason, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RuntimeInputError("invalid-json", path, `is not valid JSON (${(error as Error).message})`, error);
  }
  return parseIncidentInput(json, path);
}
