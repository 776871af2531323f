import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClusterLeftoversError } from "./cluster-down.ts";
import { leftovers } from "./leftovers.ts";

describe("what cluster:down must not leave behind", () => {
  it("nothing is reported for a folder that is gone and processes that exited", () => {
    const dir = join(tmpdir(), `smokebook-cluster-gone-${process.pid}`);
    // Pods of a cluster running on this machine right now (kubepods cgroups) are reported too: look at ours only.
    const found = leftovers({ dir, processes: [{ name: "etcd", pid: 2 ** 22 + 7, log: "" }] });
    expect(found.filter((f) => f.what.includes(dir) || f.what.includes("etcd"))).toEqual([]);
  });

  it("self-test: a started process still alive, a process running in the folder and the folder itself are each named", {
    tags: ["self-test"],
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-cluster-left-"));
    const child = spawn("sleep", ["30"], { cwd: dir, stdio: "ignore" });
    try {
      await new Promise((resolve) => child.once("spawn", resolve));
      const found = leftovers({ dir, processes: [{ name: "kubelet", pid: child.pid as number, log: "" }] }).filter(
        (f) => f.what.includes(dir) || f.what.includes(`pid ${child.pid}`),
      );
      expect(found).toContainEqual({ kind: "process", what: `kubelet (pid ${child.pid})` });
      expect(found).toContainEqual({ kind: "folder", what: dir });
      expect(found.filter((f) => f.what.includes(`pid ${child.pid}`))).toHaveLength(1);
      expect(new ClusterLeftoversError(dir, found).message).toMatch(
        new RegExp(
          `^cluster:down left 2 thing\\(s\\) of ${dir}: process kubelet \\(pid ${child.pid}\\); folder ${dir}$`,
        ),
      );
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
