/**
 * A command's stdout as a stream, for the one case run() does not fit: piping a large tar archive (a build context,
 * a root filesystem) into another consumer without holding it in memory — zx keeps every byte of output in its
 * store. Stderr is passed through to this process's stderr, so a tar warning is still seen.
 */
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";

export function streamStdout(argv: ReadonlyArray<string>, options: { cwd?: string } = {}): Readable {
  const [command, ...args] = argv;
  if (!command) throw new Error("streamStdout(): an empty command");
  const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "inherit"] });
  return child.stdout;
}
