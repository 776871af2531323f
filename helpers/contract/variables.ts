/** Which contract item a variable belongs to. */
import type { ContractItem } from "./errors.ts";
import type { Contract } from "./schema.ts";

export function itemOfVariable(contract: Contract, name: string): ContractItem {
  if (name === contract.paths?.root.env) return "paths";
  if (Object.values(contract.paths?.directories ?? {}).some((d) => d.env === name)) return "paths";
  if (name === contract.port.env) return "port";
  return "env";
}
