/** The read-only criterion: the smoke's resolvers made only GET requests to SCIM Me and secrets/get. */
import { CRITERIA } from "./criteria.ts";
import { SecretCriterionError } from "./errors.ts";
import { isAllowedRead } from "./front-guard.ts";
import type { FrontRequest } from "./workspace-front.ts";

export function checkReadOnly(observed: ReadonlyArray<FrontRequest>): void {
  const other = observed.filter((r) => !isAllowedRead(r.method, r.path));
  if (other.length > 0) {
    throw new SecretCriterionError(
      CRITERIA.readOnly,
      `unexpected request(s): ${other.map((r) => `${r.method} ${r.path}`).join(", ")}`,
    );
  }
}
