import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { thrownError } from "../testing/thrown-error.ts";
import { ContractFileError } from "./errors.ts";
import { loadStageContract } from "./stage-contract.ts";

const dir = mkdtempSync(join(tmpdir(), "smokebook-stage-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an invalid contract under test", { tags: ["self-test"] }, () => {
  it("is listed in full, each problem once, by the first stage; the later stages point at it", () => {
    const evidence = join(dir, "evidence");
    mkdirSync(evidence);
    const file = join(dir, "contract.yaml");
    writeFileSync(
      file,
      "contractVersion: 1\nname: broken\nenv:\n  - { name: A, source: vault }\nport: { number: 0 }\n",
    );
    const env = { SMOKEBOOK_CONTRACT: file, SMOKEBOOK_EVIDENCE_DIR: evidence };
    const first = thrownError(ContractFileError, () => loadStageContract("local", env));
    expect(first.message).toMatch(/^invalid execution contract .*contract\.yaml \(2 problems\): /);
    expect(first.message).toMatch(
      /env\[0\]\.source: .*value: vault; allowed: configmap, secret, literal, fieldRef, argument/,
    );
    expect(first.message).toMatch(/port\.number: .*value: 0/);
    expect(first.message.split("env[0].source").length - 1).toBe(1);
    expect(first.message).not.toContain("\n");
    const later = thrownError(ContractFileError, () => loadStageContract("docker", env));
    expect(later.message).toMatch(/contract\.yaml \(2 problems, listed by the local stage of this run\): not checked$/);
    expect(later.issues).toHaveLength(2);
    expect(thrownError(ContractFileError, () => loadStageContract("local", env)).message).toMatch(/vault/);
  });
});
