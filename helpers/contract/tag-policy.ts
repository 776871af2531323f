/** The image tag policy of seed 004 §4.2: build-YYYYMMDD-HHMMSS or sha-<commit>; latest (or no tag) never. */
import type { TAG_FORMATS } from "./schema.ts";

type TagFormat = (typeof TAG_FORMATS)[number];

const PATTERNS: Record<TagFormat, RegExp> = {
  "build-YYYYMMDD-HHMMSS": /^build-\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-([01]\d|2[0-3])[0-5]\d[0-5]\d$/,
  "sha-<commit>": /^sha-[0-9a-f]{7,40}$/,
};

/** Splits "repo[:tag][@digest]" (a registry host with a port is not a tag). */
export function splitImage(image: string): { repository: string; tag: string | undefined; digest: string | undefined } {
  const [withoutDigest = "", digest] = image.split("@", 2);
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  if (colon > slash) return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { repository: withoutDigest, tag: undefined, digest };
}

/** Why `tag` breaks the policy, or undefined when it follows one of `formats`. */
export function tagPolicyProblem(tag: string | undefined, formats: ReadonlyArray<TagFormat>): string | undefined {
  if (tag === undefined || tag === "") return "no tag (means latest, which is never allowed)";
  if (tag === "latest") return "tag latest is never allowed (not reproducible)";
  if (formats.some((format) => PATTERNS[format].test(tag))) return undefined;
  return `tag ${tag} matches none of ${formats.join(", ")}`;
}

/** A tag that follows the policy, for images a run builds: build-YYYYMMDD-HHMMSS in UTC. */
export function buildTag(now: Date = new Date()): string {
  const iso = now.toISOString();
  return `build-${iso.slice(0, 10).replace(/-/g, "")}-${iso.slice(11, 19).replace(/:/g, "")}`;
}
