/**
 * Unity Catalog volumes and their /Volumes paths: read a volume and create it as MANAGED only when it is missing
 * (404 RESOURCE_DOES_NOT_EXIST), and list a /Volumes directory through the Files API.
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
}

function isMissing(error: unknown): boolean {
  const classified = classifyRemoteFailure(error, "volumes get");
  return classified.status === 404 || classified.apiErrorCode === "RESOURCE_DOES_NOT_EXIST";
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
