/**
 * Failures of the live K8s stage. Each names the criterion it failed (as the suite titles it), the objects involved
 * and, once diagnostics ran, the seed 004 §6.1 step 4 classification ("PVC Pending → storage", …).
 */
import { SmokebookError } from "../errors.ts";
import type { Classification } from "./classify.ts";

export type ClusterErrorCode =
  | "K8S_KUBECONFIG_MISSING"
  | "K8S_PVC_MISSING"
  | "K8S_PVC_NOT_BOUND"
  | "K8S_DEPLOYMENT_UNAVAILABLE"
  | "K8S_POD_NOT_HEALTHY"
  | "K8S_CONFIG_MISSING"
  | "K8S_SERVICE_MISMATCH"
  | "K8S_HEALTH_FAILED"
  | "K8S_EXEC_FAILED"
  | "K8S_MARKER_LOST";

export class ClusterCheckError extends SmokebookError {
  readonly criterion: string;
  /** Set once diagnostics have classified the failure. */
  classification: Classification | undefined;

  constructor(code: ClusterErrorCode, criterion: string, message: string, options?: { cause?: unknown }) {
    super(code, `${criterion}: ${message}`, options);
    this.criterion = criterion;
  }

  /** Adds the classification to the message, so the report says which layer to look at. */
  classify(classification: Classification): this {
    this.classification = classification;
    const before = this.message;
    this.message = `${before}\n  → classified as ${classification.label}: ${classification.hint} (${classification.evidence})`;
    if (this.stack) this.stack = this.stack.replace(before, this.message);
    return this;
  }
}
