import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { runVitest } from "../testing/child-vitest.ts";

describe("the K8s cluster suite in auto mode, as an operator runs it", () => {
  it("self-test: gate on, no kubeconfig and another SMOKEBOOK_TARGET: it replays against the embedded target and passes", {
    tags: ["self-test"],
    timeout: 180_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-auto-"));
    try {
      cpSync(fromRoot("fixtures/target"), join(dir, "target"), { recursive: true });
      const contract = join(dir, "target", "contract.yaml");
      writeFileSync(
        contract,
        readFileSync(contract, "utf8").replace("namespace: observer-prod", "namespace: elsewhere"),
      );
      const run = await runVitest(["run", "--project", "k8s", "suites/k8s/cluster.test.ts"], {
        withhold: ["RUN_", "KUBECONFIG", "SMOKEBOOK_"],
        env: {
          RUN_K8S_CLUSTER_SMOKE: "1",
          KUBECONFIG: join(dir, "no-such-kubeconfig"),
          SMOKEBOOK_TARGET: join(dir, "target"),
        },
        timeoutMs: 170_000,
      });
      expect(run.status, run.output).toBe(0);
      expect(run.output).toContain(
        `6 × no kubeconfig file at KUBECONFIG=${join(dir, "no-such-kubeconfig")} (live mode needs a kubeconfig`,
      );
      // The six criteria ran under "[replay]" (and are listed, skipped, under "[live]"); nothing failed.
      expect(run.output).toMatch(/Tests\s+\d+ passed \| 6 skipped/);
      expect(run.output).not.toMatch(/\d+ failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
