/** The tag policy `smokebook init` drafts from the tag the manifests use (latest and no tag never pass). */
import type { TagFormat } from "../contract/schema-fields.ts";
import type { ImageFact } from "./workload-facts.ts";

const SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The formats to declare, and whether the draft had to guess (the operator reviews it). */
export function draftTagFormats(image: ImageFact): { formats: TagFormat[]; guessed: boolean } {
  if (image.digest) return { formats: ["digest"], guessed: false };
  const tag = image.tag;
  if (tag === undefined || tag === "latest") return { formats: ["semver"], guessed: true };
  if (SEMVER.test(tag)) return { formats: ["semver"], guessed: false };
  if (/^build-\d{8}-\d{6}$/.test(tag)) return { formats: ["build-YYYYMMDD-HHMMSS"], guessed: false };
  if (/^sha-[0-9a-f]{7,40}$/.test(tag)) return { formats: ["sha-<commit>"], guessed: false };
  const pattern = tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\d+/g, "[0-9]+");
  return { formats: [{ regex: `^${pattern}$` }], guessed: true };
}
