/**
 * Docker stage checks on the image config, without running the app: User is the contract uid, ExposedPorts holds
 * the contract port, Env carries the contract defaults (seed 004 B.2: Dockerfile USER, EXPOSE, ENV).
 */
import { CheckNotApplicableError, ContractViolation, NotDeclaredError } from "../contract/errors.ts";
import { envDefaults } from "../contract/resolve.ts";
import type { Contract } from "../contract/schema.ts";
import { itemOfVariable } from "../contract/variables.ts";

export interface ImageConfig {
  User?: string;
  ExposedPorts?: Record<string, unknown> | null;
  Env?: string[] | null;
  WorkingDir?: string;
  Cmd?: string[] | null;
}

export interface ImageCheckInput {
  contract: Contract;
  /** The contract file as messages show it (for "not declared" notes). */
  contractFile?: string;
  /** The Dockerfile as messages show it. */
  dockerfile: string;
  config: ImageConfig;
}

export function imageEnv(config: ImageConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of config.Env ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return out;
}

export function checkImageUser({ contract, contractFile, dockerfile, config }: ImageCheckInput) {
  const user = (config.User ?? "").trim();
  const [uid, gid] = user.split(":");
  const permissions = contract.permissions;
  if (permissions?.uid === undefined) {
    throw new NotDeclaredError("permissions.uid", contractFile ?? "the contract", "the image's USER");
  }
  const ok =
    uid === String(permissions.uid) &&
    (gid === undefined || permissions.gid === undefined || gid === String(permissions.gid));
  if (!ok) {
    throw new ContractViolation({
      stage: "docker",
      item: "permissions",
      file: dockerfile,
      field: "USER (image Config.User)",
      expected: `USER ${permissions.uid} (numeric, contract permissions.uid; non-root)`,
      actual: user === "" ? "no USER: the container runs as root (uid 0)" : `USER is ${JSON.stringify(user)}`,
    });
  }
  return { user };
}

export function checkExposedPort({ contract, dockerfile, config }: ImageCheckInput) {
  const exposed = Object.keys(config.ExposedPorts ?? {});
  if (exposed.length === 0) {
    // EXPOSE is documentation in Docker: many real Dockerfiles have none. Only one that names other ports is wrong.
    throw new CheckNotApplicableError(
      `not checked: ${dockerfile} has no EXPOSE (the image exposes no port); add EXPOSE ${contract.port.number} to check it against contract port.number`,
    );
  }
  if (!exposed.includes(`${contract.port.number}/tcp`)) {
    throw new ContractViolation({
      stage: "docker",
      item: "port",
      file: dockerfile,
      field: "EXPOSE (image Config.ExposedPorts)",
      expected: `EXPOSE ${contract.port.number} (contract port.number)`,
      actual: exposed.length > 0 ? `exposes ${exposed.join(", ")}` : "exposes no port",
    });
  }
  return { exposed };
}

export function checkImageEnv({ contract, dockerfile, config }: ImageCheckInput) {
  const env = imageEnv(config);
  const problems: string[] = [];
  const names: string[] = [];
  for (const [name, value] of Object.entries(envDefaults(contract))) {
    if (!(name in env)) problems.push(`${name} missing`);
    else if (env[name] !== value) problems.push(`${name}=${env[name]} (contract default ${value})`);
    else continue;
    names.push(name);
  }
  if (problems.length > 0) {
    const items = names.map((name) => itemOfVariable(contract, name));
    const item = items.includes("paths") ? "paths" : items.includes("port") ? "port" : "env";
    throw new ContractViolation({
      stage: "docker",
      item,
      file: dockerfile,
      field: "ENV (image Config.Env)",
      expected: "an ENV default for every contract variable that has one (contract env[].default)",
      actual: problems.join(", "),
    });
  }
  return { variables: Object.keys(envDefaults(contract)).length };
}
