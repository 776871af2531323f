/**
 * Unity Catalog volumes and their /Volumes paths: read a volume and create it as MANAGED only when it is missing
 * (404 RESOURCE_DOES_NOT_EXIST), and list a /Volumes directory through the Files API.
 * A create that answers 409 RESOURCE_ALREADY_EXISTS — typically the retry of a create whose first attempt got a 5xx
 * but went through, or a parallel run creating it first — counts as "existing": the volume is read back.
 */
import type { catalog, files, WorkspaceClient } from "@databricks/sdk-experimental";
import { classifyRemoteFailure } from "../remote-errors.ts";
import { type CallContext, callDatabricks } from "./api-call.ts";

export interface VolumeRef {
  catalog: string;
  schema: string;
  volume: string;
}

export function volumeFullName(ref: VolumeRef): string {
  return `${ref.catalog}.${ref.schema}.${ref.volume}`;
}

export function volumePath(ref: VolumeRef): string {
  return `/Volumes/${ref.catalog}/${ref.schema}/${ref.volume}`;
}

export interface EnsuredVolume {
  outcome: "existing" | "created";
  info: catalog.VolumeInfo;
  /** Why an "existing" volume counts as existing when the create path was taken. */
  note?: string;
}

function isMissing(error: unknown): boolean {
  const classified = classifyRemoteFailure(error, "volumes get");
  return classified.status === 404 || classified.apiErrorCode === "RESOURCE_DOES_NOT_EXIST";
}

const ALREADY_EXISTS = new Set(["RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS"]);

function alreadyExists(error: unknown): boolean {
  const classified = classifyRemoteFailure(error, "volumes create");
  return classified.status === 409 || ALREADY_EXISTS.has(classified.apiErrorCode ?? "");
}

/** Reads the volume; when it does not exist, creates it as MANAGED. Any other failure is thrown, classified. */
export async function ensureVolume(
  client: WorkspaceClient,
  ref: VolumeRef,
  context: CallContext,
): Promise<EnsuredVolume> {
  const name = volumeFullName(ref);
  try {
    const info = await callDatabricks(`volumes get ${name}`, () => client.volumes.read({ name }), context);
    return { outcome: "existing", info };
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  try {
    const info = await callDatabricks(
      `volumes create ${name} (MANAGED)`,
      () =>
        client.volumes.create({
          catalog_name: ref.catalog,
          schema_name: ref.schema,
          name: ref.volume,
          volume_type: "MANAGED",
        }),
      context,
    );
    return { outcome: "created", info };
  } catch (error) {
    if (!alreadyExists(error)) throw error;
    const info = await callDatabricks(`volumes get ${name}`, () => client.volumes.read({ name }), context);
    const { status, apiErrorCode } = classifyRemoteFailure(error, "volumes create");
    const answer = [`HTTP ${status ?? "?"}`, apiErrorCode].filter(Boolean).join(" ");
    const note = `create answered ${answer}: the volume exists (a retried create, or another run created it)`;
    return { outcome: "existing", info, note };
  }
}

/** Lists a directory through the Files API (GET /api/2.0/fs/directories/<path>), following page tokens. */
export async function listDirectory(
  client: WorkspaceClient,
  path: string,
  context: CallContext,
): Promise<files.DirectoryEntry[]> {
  return callDatabricks(
    `fs list ${path}`,
    async () => {
      const entries: files.DirectoryEntry[] = [];
      for await (const entry of client.files.listDirectoryContents({ directory_path: path })) entries.push(entry);
      return entries;
    },
    context,
  );
}
