/**
 * The image tag policy (seed 004 §4.2): the tag follows one of the contract's formats — build-YYYYMMDD-HHMMSS,
 * sha-<commit>, semver (v1.2.3, 1.2.3-rc.1), digest (pinned with @sha256:), or a `{ regex }` of the operator's own;
 * `latest`, or no tag at all, is never allowed, whatever the formats say. Without formats only that rule applies.
 */
import type { NamedTagFormat, TagFormat } from "./schema-fields.ts";

const PATTERNS: Record<Exclude<NamedTagFormat, "digest">, RegExp> = {
  "build-YYYYMMDD-HHMMSS": /^build-\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-([01]\d|2[0-3])[0-5]\d[0-5]\d$/,
  "sha-<commit>": /^sha-[0-9a-f]{7,40}$/,
  semver:
    /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/,
};

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export interface ImageRef {
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Splits "repo[:tag][@digest]" (a registry host with a port is not a tag). */
export function splitImage(image: string): ImageRef {
  const [withoutDigest = "", digest] = image.split("@", 2);
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  if (colon > slash) return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { repository: withoutDigest, tag: undefined, digest };
}

export function describeFormat(format: TagFormat): string {
  return typeof format === "string" ? format : `regex ${format.regex}`;
}

function matches(format: TagFormat, ref: ImageRef): boolean {
  if (format === "digest") return ref.digest !== undefined && DIGEST.test(ref.digest);
  if (ref.tag === undefined) return false;
  if (typeof format === "string") return PATTERNS[format].test(ref.tag);
  return new RegExp(`^(?:${format.regex})$`).test(ref.tag);
}

/** Why the image breaks the policy, or undefined when it follows one of `formats` (all, when none are given). */
export function tagPolicyProblem(ref: ImageRef, formats: ReadonlyArray<TagFormat> | undefined): string | undefined {
  const pinned = ref.digest !== undefined && DIGEST.test(ref.digest);
  if (ref.tag === "latest") return "tag latest is never allowed (not reproducible)";
  if (ref.tag === undefined && !pinned) return "no tag (means latest, which is never allowed)";
  if (!formats || formats.length === 0) return undefined;
  if (formats.some((format) => matches(format, ref))) return undefined;
  const what = ref.tag !== undefined ? `tag ${ref.tag}` : `digest ${ref.digest}`;
  return `${what} matches none of ${formats.map(describeFormat).join(", ")}`;
}

/** A tag that follows the policy, for images a run builds: build-YYYYMMDD-HHMMSS in UTC. */
export function buildTag(now: Date = new Date()): string {
  const iso = now.toISOString();
  return `build-${iso.slice(0, 10).replace(/-/g, "")}-${iso.slice(11, 19).replace(/:/g, "")}`;
}
