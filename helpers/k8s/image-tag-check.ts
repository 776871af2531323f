/**
 * K8s static: the container image follows the contract's tag policy — `latest`, or no tag at all, is never allowed;
 * with image.tagFormats the tag (or a pinned digest) matches one of them; with image.repository the image is that
 * repository. Names the file that sets the tag: the overlay's kustomization `images` entry, the Helm values key, or
 * else the workload's file.
 */
import { ContractViolation } from "../contract/errors.ts";
import { displayPath } from "../contract/load.ts";
import { describeFormat, splitImage, tagPolicyProblem } from "../contract/tag-policy.ts";
import type { ManifestSet } from "./manifest-set.ts";

export function checkImageTag(set: ManifestSet) {
  const { contract } = set;
  const image = set.container().image ?? "";
  const ref = splitImage(image);
  const repository = contract.image?.repository;
  const setting = set.source.imageSetting(repository ?? ref.repository);
  const where = setting
    ? { file: displayPath(setting.file), field: setting.field, fix: set.layer(setting.file) }
    : { file: set.workloadFile(), field: set.containerField("image") };
  if (repository !== undefined && ref.repository !== repository) {
    throw new ContractViolation({
      stage: "k8s",
      item: "image-tag",
      ...where,
      expected: `repository ${repository} (contract image.repository)`,
      actual: `image ${image}`,
    });
  }
  const formats = contract.image?.tagFormats;
  const problem = tagPolicyProblem(ref, formats);
  if (problem) {
    throw new ContractViolation({
      stage: "k8s",
      item: "image-tag",
      ...where,
      expected: formats
        ? `a tag in ${formats.map(describeFormat).join(" or ")} (contract image.tagFormats; latest is never allowed)`
        : "a tag other than latest (latest is never allowed)",
      actual: `${image}: ${problem}`,
    });
  }
  return { image, policy: formats ? formats.map(describeFormat).join(", ") : "not latest (no image.tagFormats)" };
}
