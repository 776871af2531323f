import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { runVitest } from "../testing/child-vitest.ts";

describe("the K8s cluster suite in auto mode, as an operator runs it", () => {
  it("self-test: gate on, no kubeconfig and another SMOKEBOOK_TARGET: the live checks skip naming the kubeconfig, and the sample's replays stay out of the run", {
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
      // The six criteria are listed, skipped, under "[live]"; the embedded sample's replay and self-tests are not
      // registered under another contract (issue #10: the report speaks of the service under test only).
      expect(run.output).toMatch(/Tests\s+6 skipped \(6\)/);
      expect(run.readEvidenceFile("report.md")).not.toContain("[replay]");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
