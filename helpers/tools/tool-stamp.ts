/**
 * Version stamps of built tools: `<toolsDir>/stamps/<tool>.json` records what a binary was built from. A tool whose
 * binary exists and whose stamp matches the current spec (version, flags, our module's go.sum, the Go version) is up
 * to date, so a second `npm run setup:tools` is a no-op.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fromRoot } from "../paths.ts";
import type { GoToolSpec } from "./tool-specs.ts";

export interface ToolStamp {
  tool: string;
  version: string;
  /** sha256 over the spec, our module's go.mod/go.sum (for module builds) and the Go version. */
  key: string;
  goVersion: string;
  builtAt: string;
  buildSeconds: number;
}

export function stampPath(toolsDir: string, tool: string): string {
  return join(toolsDir, "stamps", `${tool}.json`);
}

/** What the stamp of a build from this spec with this Go would say. */
export function stampKey(spec: GoToolSpec, goVersion: string): string {
  const hash = createHash("sha256").update(JSON.stringify(spec)).update(goVersion);
  if (spec.moduleDir) {
    for (const file of ["go.mod", "go.sum"]) {
      const path = fromRoot(spec.moduleDir, file);
      hash.update(existsSync(path) ? readFileSync(path) : "");
    }
  }
  return hash.digest("hex");
}

export function readStamp(toolsDir: string, tool: string): ToolStamp | undefined {
  try {
    return JSON.parse(readFileSync(stampPath(toolsDir, tool), "utf8")) as ToolStamp;
  } catch {
    return undefined;
  }
}

export async function writeStamp(toolsDir: string, stamp: ToolStamp): Promise<void> {
  await mkdir(join(toolsDir, "stamps"), { recursive: true });
  await writeFile(stampPath(toolsDir, stamp.tool), `${JSON.stringify(stamp, null, 2)}\n`);
}
