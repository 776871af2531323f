/**
 * K8s static: the container image is the contract repository with a tag that follows the contract's tag policy
 * (build-YYYYMMDD-HHMMSS or sha-<commit>; never latest, never untagged). Names the file that sets the tag: the
 * overlay's kustomization `images` entry when there is one, else the Deployment.
 */
import { ContractViolation } from "../contract/errors.ts";
import { displayPath } from "../contract/load.ts";
import { splitImage, tagPolicyProblem } from "../contract/tag-policy.ts";
import type { ManifestSet } from "./manifest-set.ts";
import { imageOverride } from "./manifest-sources.ts";

export function checkImageTag(set: ManifestSet) {
  const { contract } = set;
  const image = set.container().image ?? "";
  const { repository, tag, digest } = splitImage(image);
  const override = imageOverride(set.tree, contract.image.repository);
  const where = override
    ? { file: displayPath(override.file), field: `images[${override.index}] (name ${override.entry.name}).newTag` }
    : { file: set.deploymentFile(), field: set.containerField("image") };
  if (repository !== contract.image.repository) {
    throw new ContractViolation({
      stage: "k8s",
      item: "image-tag",
      ...where,
      expected: `repository ${contract.image.repository} (contract image.repository)`,
      actual: `image ${image}`,
    });
  }
  const problem = digest && !tag ? undefined : tagPolicyProblem(tag, contract.image.tagFormats);
  if (problem) {
    throw new ContractViolation({
      stage: "k8s",
      item: "image-tag",
      ...where,
      expected: `a tag in ${contract.image.tagFormats.join(" or ")} (contract image.tagFormats; latest is never allowed)`,
      actual: `${image}: ${problem}`,
    });
  }
  return { image };
}
