/**
 * Two roots:
 * - the package root (`repoRoot`, `fromRoot`): where smokebook's own files are (the embedded sample target, its
 *   fixtures); inside this checkout, the checkout;
 * - the project root (`projectRoot`, `fromProject`): the repository whose smokes run — recordings, evidence and the
 *   report's file names are relative to it. `smokebook/config` sets SMOKEBOOK_PROJECT_ROOT to the folder of the
 *   team's vitest.config.ts; without it, the current directory.
 */
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

type Env = Readonly<Record<string, string | undefined>>;

const here = dirname(fileURLToPath(import.meta.url));
/** helpers/ in a checkout; dist/helpers/ in the packed tarball. */
export const repoRoot = resolve(here, basename(resolve(here, "..")) === "dist" ? "../.." : "..");

export function fromRoot(...segments: string[]): string {
  return resolve(repoRoot, ...segments);
}

export function projectRoot(env: Env = process.env): string {
  const chosen = env.SMOKEBOOK_PROJECT_ROOT?.trim();
  return chosen ? resolve(chosen) : process.cwd();
}

export function fromProject(...segments: string[]): string {
  return resolve(projectRoot(), ...segments);
}
