import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ContractFileError } from "../contract/errors.ts";
import { fromRoot } from "../paths.ts";
import { clusterTargetFor, REPLAY_TARGET_DIR, replayTarget } from "./target.ts";

const dir = mkdtempSync(join(tmpdir(), "smokebook-k8s-target-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the embedded target whose Kubernetes namespace is `namespace`. */
function targetIn(namespace: string): string {
  const copy = mkdtempSync(join(dir, "target-"));
  cpSync(fromRoot(REPLAY_TARGET_DIR), copy, { recursive: true });
  const file = join(copy, "contract.yaml");
  const text = readFileSync(file, "utf8");
  if (!text.includes("namespace: observer-prod")) throw new Error("fixtures/target no longer names observer-prod");
  writeFileSync(file, text.replace("namespace: observer-prod", `namespace: ${namespace}`));
  return copy;
}

describe("which target the K8s checks read", () => {
  it("live and record read SMOKEBOOK_TARGET's contract; replay reads the embedded target the recordings answer for", () => {
    const env = { SMOKEBOOK_TARGET: targetIn("staging-observer") };
    expect(clusterTargetFor("live", env).namespace).toBe("staging-observer");
    expect(clusterTargetFor("record", env).namespace).toBe("staging-observer");
    expect(clusterTargetFor("replay", env).namespace).toBe("observer-prod");
    expect(replayTarget()).toEqual(clusterTargetFor("replay", {}));
  });

  it("self-test: a broken SMOKEBOOK_TARGET fails live by its contract file, and does not touch a replay", {
    tags: ["self-test"],
  }, () => {
    const broken = mkdtempSync(join(dir, "broken-"));
    writeFileSync(join(broken, "contract.yaml"), "kubernetes: [\n");
    expect(() => clusterTargetFor("live", { SMOKEBOOK_TARGET: broken })).toThrow(ContractFileError);
    expect(() => clusterTargetFor("live", { SMOKEBOOK_TARGET: broken })).toThrow(/contract\.yaml/);
    expect(clusterTargetFor("replay", { SMOKEBOOK_TARGET: broken })).toMatchObject({
      namespace: "observer-prod",
      deployment: "observer",
    });
  });
});
