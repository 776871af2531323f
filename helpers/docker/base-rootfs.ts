/**
 * The root filesystem of the local Node base image: this machine's Node binary with the shared libraries `ldd`
 * lists, busybox (sh, id, ls, touch, cat, wget…) and the passwd/group entries of the contract user (uid/gid 1000).
 */
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../process/run.ts";

export interface RootfsInput {
  nodePath: string;
  busyboxPath: string;
  uid: number;
  gid: number;
  user: string;
}

/** Absolute library paths from `ldd` output ("libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)"). */
export function parseLdd(output: string): string[] {
  const paths = new Set<string>();
  for (const line of output.split("\n")) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line.trim());
    if (match?.[1]) paths.add(match[1]);
  }
  return [...paths];
}

async function sharedLibraries(binary: string): Promise<string[]> {
  const result = await run(["ldd", binary]);
  if (/not a dynamic executable/.test(`${result.stdout}${result.stderr}`)) return [];
  if (result.exitCode !== 0) throw new Error(`ldd ${binary} failed: ${result.stderr.trim()}`);
  return parseLdd(result.stdout);
}

function copyInto(root: string, source: string, target = source, mode?: number): void {
  const destination = join(root, target);
  mkdirSync(dirname(destination), { recursive: true });
  copyFileSync(realpathSync(source), destination);
  if (mode !== undefined) chmodSync(destination, mode);
}

export async function buildRootfs(input: RootfsInput): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "smokebook-rootfs-"));
  copyInto(root, input.nodePath, "/usr/local/bin/node", 0o755);
  copyInto(root, input.busyboxPath, "/bin/busybox", 0o755);
  const libraries = new Set([
    ...(await sharedLibraries(input.nodePath)),
    ...(await sharedLibraries(input.busyboxPath)),
  ]);
  for (const library of libraries) copyInto(root, library);

  const applets = (await run([input.busyboxPath, "--list"])).stdout.split("\n").filter((a) => /^[\w.[-]+$/.test(a));
  for (const applet of applets) {
    if (applet !== "busybox") symlinkSync("busybox", join(root, "bin", applet));
  }
  mkdirSync(join(root, "usr/bin"), { recursive: true });
  symlinkSync("/bin/busybox", join(root, "usr/bin/env"));

  const home = `/home/${input.user}`;
  mkdirSync(join(root, "etc"), { recursive: true });
  writeFileSync(
    join(root, "etc/passwd"),
    `root:x:0:0:root:/root:/bin/sh\n${input.user}:x:${input.uid}:${input.gid}:${input.user}:${home}:/bin/sh\n`,
  );
  writeFileSync(join(root, "etc/group"), `root:x:0:\n${input.user}:x:${input.gid}:\n`);
  writeFileSync(join(root, "etc/nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
  mkdirSync(join(root, "tmp"), { mode: 0o1777 });
  chmodSync(join(root, "tmp"), 0o1777);
  mkdirSync(join(root, "root"), { mode: 0o700 });
  mkdirSync(join(root, home), { recursive: true });
  if (process.getuid?.() === 0) chownSync(join(root, home), input.uid, input.gid);
  else chmodSync(join(root, home), 0o777);
  return root;
}
