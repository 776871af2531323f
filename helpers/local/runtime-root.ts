/** Temporary runtime roots for the local stage: with the contract directories, or empty (to prove no mkdir). */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Contract } from "../contract/schema.ts";

export class RuntimeRoot implements AsyncDisposable {
  readonly path: string;

  constructor(prefix: string) {
    this.path = mkdtempSync(join(tmpdir(), `smokebook-${prefix}-`));
  }

  entries(): string[] {
    return readdirSync(this.path).sort();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** A root holding every contract directory, as an image, a PVC or a bind mount would provide it. */
export function runtimeRootWithDirectories(contract: Contract): RuntimeRoot {
  const root = new RuntimeRoot("runtime");
  for (const name of Object.keys(contract.paths?.directories ?? {})) mkdirSync(join(root.path, name));
  return root;
}

/** A root without any of the contract directories. */
export function emptyRuntimeRoot(): RuntimeRoot {
  return new RuntimeRoot("runtime-empty");
}
