export {
  type CriteriaInput,
  type Criterion,
  deterministic,
  FINGERPRINT_CRITERIA,
  type Fingerprints,
  keyOrder,
  otherErrorClass,
  otherPipeline,
  volatileValues,
  writeVariant,
} from "./criteria.ts";
export { type FingerprintLine, fingerprintLine } from "./emit.ts";
export {
  FingerprintCommandError,
  FingerprintCriterionError,
  RuntimeInputError,
  RuntimeInputPathError,
} from "./errors.ts";
export { canonicalJson, fingerprintOf, type IncidentIdentity, identityOf, splitError } from "./fingerprint.ts";
export {
  builtInFingerprinter,
  chooseFingerprinter,
  commandFingerprinter,
  type Fingerprinter,
} from "./fingerprinter.ts";
export { type IncidentInput, incidentInputSchema, loadIncidentInput, parseIncidentInput } from "./incident-input.ts";
export { checkRuntimeInputPath, expectedInputPath } from "./input-path-check.ts";
export {
  DEV012_ENVS,
  type Dev012Config,
  type Dev012Env,
  defaultInputPath,
  readDev012Config,
  readSmokeEnv,
} from "./input-policy.ts";
export { maskVolatile } from "./mask.ts";
export { dev012Fingerprint, REJECTED_ALTERNATIVES } from "./smoke-definition.ts";
export { perturbText, perturbVolatile, reorderKeys, withOtherErrorClass, withOtherPipeline } from "./variants.ts";
