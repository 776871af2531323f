/**
 * busybox for the local base image (sh, id, ls, cat… in a Node image built without any registry). Found on this
 * machine, or installed from Debian (busybox-static) as root or through passwordless sudo, as
 * scripts/ci/start-docker.sh installs docker.io. When neither works, the error says how to fix it by hand.
 */
import { existsSync } from "node:fs";
import { SmokebookError } from "../errors.ts";
import { type ProcessResult, run } from "../process/run.ts";

export type RunResult = Pick<ProcessResult, "exitCode" | "stdout" | "stderr">;

export const BUSYBOX_PATHS: ReadonlyArray<string> = ["/bin/busybox", "/usr/bin/busybox"];

export class BusyboxMissingError extends SmokebookError {
  constructor(reason: string) {
    super(
      "BUSYBOX_MISSING",
      `busybox is missing (${BUSYBOX_PATHS.join(", ")}) and ${reason}. Fix: \`sudo apt-get install -y busybox-static\` ` +
        "(Debian/Ubuntu), then rerun; or set SMOKEBOOK_BASE_IMAGE to a Node 24 image you can pull (e.g. node:24-slim)",
    );
  }
}

export interface BusyboxDeps {
  uid: number | undefined;
  exists: (path: string) => boolean;
  run: (command: string, args: string[]) => Promise<RunResult>;
  log: (line: string) => void;
}

const defaults = (): BusyboxDeps => ({
  uid: process.getuid?.(),
  exists: existsSync,
  run: (command, args) => run([command, ...args], { timeoutMs: 300_000 }),
  log: () => {},
});

/** How to run a command as root here: directly, through `sudo -n`, or not at all (undefined). */
async function rootPrefix(deps: BusyboxDeps): Promise<string[] | undefined> {
  if (deps.uid === 0) return [];
  const sudo = await deps.run("sudo", ["-n", "true"]).catch(() => undefined);
  return sudo?.exitCode === 0 ? ["sudo", "-n"] : undefined;
}

export async function findBusybox(overrides: Partial<BusyboxDeps> = {}): Promise<string> {
  const deps = { ...defaults(), ...overrides };
  const found = BUSYBOX_PATHS.find((p) => deps.exists(p));
  if (found) return found;
  const prefix = await rootPrefix(deps);
  if (!prefix) throw new BusyboxMissingError("cannot be installed here: not root and no passwordless sudo");
  const apt = (args: string[]) => {
    const [command, ...rest] = [...prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args];
    return deps.run(command as string, rest);
  };
  deps.log(`busybox is missing: ${prefix.join(" ")} apt-get install -y busybox-static`.replace(/\s+/g, " "));
  const install = ["install", "-y", "--no-install-recommends", "busybox-static"];
  let result = await apt(install);
  if (result.exitCode !== 0) {
    await apt(["update", "-qq"]);
    result = await apt(install);
  }
  const path = BUSYBOX_PATHS.find((p) => deps.exists(p));
  if (!path) {
    throw new BusyboxMissingError(`apt-get install busybox-static failed: ${result.stderr.trim().slice(0, 300)}`);
  }
  return path;
}
