/** Parses an ARM (or Azure data-plane) JSON body against the fields a check relies on, naming the first bad field. */
import type { z } from "zod";
import { AzureShapeError } from "./errors.ts";

export function parseArm<T>(schema: z.ZodType<T>, value: unknown, resource: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join(".") : "(body)";
  throw new AzureShapeError(resource, field, issue?.message ?? "does not match the API's shape");
}

/** The last segment of an ARM resource id (its name). */
export function nameOfId(id: string): string {
  return id.split("/").filter(Boolean).at(-1) ?? id;
}

/** ARM ids compare case-insensitively (the platform normalises their casing differently per API). */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function resourceGroupPath(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}
