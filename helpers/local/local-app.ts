/** The declared app of a contract (Local stage): its folders as paths, or "not declared". */
import { declared } from "../contract/errors.ts";
import { contractPathOf, type LoadedContract, targetFile } from "../contract/load.ts";
import type { ContractApp } from "../contract/schema.ts";

export interface LocalApp {
  app: ContractApp;
  /** Absolute folder the commands run in. */
  workdir: string;
  /** The app code folder as messages show it (the file to fix for a Local failure). */
  file: string;
}

export function localApp(loaded: LoadedContract, purpose = "the app as a local process"): LocalApp {
  const app = declared(loaded.contract.app, "app", loaded.file, purpose);
  return {
    app,
    workdir: contractPathOf(loaded, app.workdir),
    file: targetFile(loaded, app.source ?? app.workdir),
  };
}
