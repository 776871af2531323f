/**
 * A writable copy of a target in a temp folder, for self-tests that break one layer of the contract.
 * Fixtures stay read-only: every change happens in the copy, which is removed on disposal. The default source is the
 * embedded sample target (fixtures/target), never SMOKEBOOK_TARGET: the self-tests' edits and expected messages are
 * written for it, and a user's own target must not break them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedTargetDir, type LoadedContract, loadContract } from "./load.ts";

export class TargetCopy implements AsyncDisposable {
  readonly dir: string;

  constructor(source: string = embeddedTargetDir(), label = "target") {
    this.dir = mkdtempSync(join(tmpdir(), `smokebook-${label}-`));
    cpSync(source, this.dir, { recursive: true });
  }

  read(relativePath: string): string {
    return readFileSync(join(this.dir, relativePath), "utf8");
  }

  write(relativePath: string, text: string): void {
    writeFileSync(join(this.dir, relativePath), text);
  }

  /** Replaces `search` in a file of the copy; throws when it is absent, so a stale self-test cannot pass silently. */
  replace(relativePath: string, search: string | RegExp, replacement: string): void {
    const text = this.read(relativePath);
    const next = text.replace(search, replacement);
    if (next === text) throw new Error(`self-test edit found nothing to replace in ${relativePath}: ${String(search)}`);
    this.write(relativePath, next);
  }

  load(): LoadedContract {
    return loadContract(this.dir);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
