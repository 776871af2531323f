/**
 * The README's "Write your own smoke" examples, as the marked ```ts blocks a user copies: the block right after
 * each `<!-- example:<name> -->` line.
 */
import { readFileSync } from "node:fs";
import { SmokebookError } from "../errors.ts";
import { fromRoot } from "../paths.ts";

export function readmeExample(name: string, readme = readFileSync(fromRoot("README.md"), "utf8")): string {
  const marker = `<!-- example:${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new SmokebookError("README_EXAMPLE_MISSING", `README.md has no ${marker} marker`);
  const block = /^\s*```ts\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length));
  if (!block?.[1]) {
    throw new SmokebookError("README_EXAMPLE_MISSING", `README.md: no \`\`\`ts block right after ${marker}`);
  }
  return `${block[1]}\n`;
}
