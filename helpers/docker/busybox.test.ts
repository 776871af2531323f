import { describe, expect, it } from "vitest";
import type { RunResult } from "./busybox.ts";
import { BusyboxMissingError, findBusybox } from "./busybox.ts";

const ok: RunResult = { exitCode: 0, stdout: "", stderr: "" };

/** A machine without busybox; `installs` says which command line makes it appear. */
function machine(uid: number, answers: (line: string) => RunResult) {
  const calls: string[] = [];
  let installed = false;
  return {
    calls,
    deps: {
      uid,
      exists: (path: string) => installed && path === "/bin/busybox",
      run: async (command: string, args: string[]) => {
        const line = [command, ...args].join(" ");
        calls.push(line);
        const result = answers(line);
        if (result.exitCode === 0 && line.includes("apt-get install")) installed = true;
        return result;
      },
    },
  };
}

describe("findBusybox", () => {
  it("uses the one on this machine", async () => {
    await expect(findBusybox({ exists: (p) => p === "/usr/bin/busybox" })).resolves.toBe("/usr/bin/busybox");
  });

  it("installs busybox-static through passwordless sudo when not root", { tags: ["self-test"] }, async () => {
    const { calls, deps } = machine(1000, () => ok);
    await expect(findBusybox(deps)).resolves.toBe("/bin/busybox");
    expect(calls).toEqual([
      "sudo -n true",
      "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends busybox-static",
    ]);
  });

  it("as root, runs apt-get update when the first install fails", { tags: ["self-test"] }, async () => {
    let attempts = 0;
    const { calls, deps } = machine(0, (line) =>
      line.includes("install") && attempts++ === 0 ? { exitCode: 100, stdout: "", stderr: "E: no package" } : ok,
    );
    await expect(findBusybox(deps)).resolves.toBe("/bin/busybox");
    expect(calls.map((c) => c.replace(/ .*apt-get/, " apt-get"))).toEqual([
      "env apt-get install -y --no-install-recommends busybox-static",
      "env apt-get update -qq",
      "env apt-get install -y --no-install-recommends busybox-static",
    ]);
  });

  it("says how to fix it when it is not root and has no sudo", { tags: ["self-test"] }, async () => {
    const { deps } = machine(1000, (line) => (line.startsWith("sudo") ? { ...ok, exitCode: 1 } : ok));
    const error = await findBusybox(deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusyboxMissingError);
    expect((error as Error).message).toBe(
      "busybox is missing (/bin/busybox, /usr/bin/busybox) and cannot be installed here: not root and no passwordless sudo. " +
        "Fix: `sudo apt-get install -y busybox-static` (Debian/Ubuntu), then rerun; or set SMOKEBOOK_BASE_IMAGE to a Node 24 image you can pull (e.g. node:24-slim)",
    );
  });
});
