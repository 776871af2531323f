/** Well-known locations inside the smokebook checkout. */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function fromRoot(...segments: string[]): string {
  return resolve(repoRoot, ...segments);
}
