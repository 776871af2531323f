// @module-tag contract
// @module-tag local
/**
 * Self-tests of the Local stage's environment handling (issue #10 items 5 and 6): a start command whose program is
 * not installed is one skipped check naming the program and how to provide it (a failure under SMOKEBOOK_STRICT=1)
 * and the dependent checks are "not checked: …", never FAIL; an app started through a shell wrapper that does not
 * exec leaves no process behind.
 */
import { describe, expect, it } from "vitest";
import { EnvironmentProblemError, NotDeclaredError } from "../../helpers/contract/errors.ts";
import { TargetCopy } from "../../helpers/contract/target-copy.ts";
import { StrictSkipError } from "../../helpers/errors.ts";
import { checkItem } from "../../helpers/layer-diagnosis-evidence.ts";
import { checkEnvPrecedence } from "../../helpers/local/env-precedence-check.ts";
import { checkNoMkdir } from "../../helpers/local/no-mkdir-check.ts";
import { checkServeAndRecords } from "../../helpers/local/serve-check.ts";
import { checkToolchain, toolchainBlock } from "../../helpers/local/toolchain-check.ts";
import { checkUnitTests } from "../../helpers/local/unit-tests-check.ts";
import { groupMembers } from "../../helpers/process/group-members.ts";
import { thrownError } from "../../helpers/testing/thrown-error.ts";

/** A test context whose skip() records the note (and stops the check, as vitest's does). */
function fakeContext() {
  const skipped: string[] = [];
  const ctx = {
    annotate: async () => {},
    skip: (note: string) => {
      skipped.push(note);
      throw new Error("skipped");
    },
  };
  return { ctx: ctx as never, skipped };
}

const MISSING = "smokebook-no-such-runtime";

describe("Local stage: environment problems are environment problems", { tags: ["self-test"] }, () => {
  it("a start program that is not installed is one skip naming it and how to provide it; dependents are not checked", async () => {
    await using copy = new TargetCopy(undefined, "local-toolchain");
    copy.replace("contract.yaml", "start: [node, src/main.mjs]", `start: [${MISSING}, run, ./cmd/server]`);
    const loaded = copy.load();
    const error = thrownError(EnvironmentProblemError, () => checkToolchain(loaded));
    expect(error.message).toMatch(
      new RegExp(
        `${MISSING} is not installed: app\\.start \\(${MISSING} run \\./cmd/server\\) needs it and it is not on PATH .*install it, or change app\\.start`,
      ),
    );
    const meta = { stage: "local" as const, item: "app-logic" as const, check: "toolchain" };
    const first = fakeContext();
    await expect(checkItem(first.ctx, meta, () => checkToolchain(loaded))).rejects.toThrow("skipped");
    expect(first.skipped).toEqual([error.message]);
    const dependent = fakeContext();
    const health = { stage: "local" as const, item: "health" as const, check: "health and records" };
    await expect(
      checkItem(dependent.ctx, health, () => {
        toolchainBlock(loaded);
        return checkServeAndRecords(loaded);
      }),
    ).rejects.toThrow("skipped");
    expect(dependent.skipped).toEqual([`not checked: ${error.message}`]);
  });

  it("the same missing program fails the check under SMOKEBOOK_STRICT=1", async () => {
    await using copy = new TargetCopy(undefined, "local-toolchain-strict");
    copy.replace("contract.yaml", "start: [node, src/main.mjs]", `start: "${MISSING} serve"`);
    const loaded = copy.load();
    const previous = process.env.SMOKEBOOK_STRICT;
    process.env.SMOKEBOOK_STRICT = "1";
    try {
      const { ctx } = fakeContext();
      const run = checkItem(ctx, { stage: "local", item: "app-logic", check: "toolchain" }, () =>
        checkToolchain(loaded),
      );
      await expect(run).rejects.toBeInstanceOf(StrictSkipError);
      await expect(run).rejects.toThrow(new RegExp(`${MISSING} is not installed: app\\.start`));
    } finally {
      if (previous === undefined) delete process.env.SMOKEBOOK_STRICT;
      else process.env.SMOKEBOOK_STRICT = previous;
    }
  });
});

describe("Local stage: nothing it started is left running", { tags: ["self-test", "slow"] }, () => {
  it("an app started through a non-exec shell wrapper is stopped with its whole process group", async () => {
    await using copy = new TargetCopy(undefined, "local-wrapper");
    copy.write("start.sh", 'node src/main.mjs &\nwait $!\necho "server exited"\n');
    copy.replace("contract.yaml", "start: [node, src/main.mjs]", 'start: "sh start.sh"');
    const result = await checkServeAndRecords(copy.load(), { port: "free" });
    expect(result.pid).toBeTypeOf("number");
    expect(groupMembers(result.pid as number)).toEqual([]);
  });

  it("a direct (argv) start leaves nothing either", async () => {
    await using copy = new TargetCopy(undefined, "local-direct");
    const result = await checkServeAndRecords(copy.load(), { port: "free" });
    expect(groupMembers(result.pid as number)).toEqual([]);
  });
});

describe("Local stage: policies the contract leaves out", { tags: ["self-test"] }, () => {
  it("are not declared (not run), and the app is still served and checked", async () => {
    await using copy = new TargetCopy(undefined, "local-undeclared");
    copy.replace("contract.yaml", /^ {2}printConfig: .*\n/m, "");
    copy.replace("contract.yaml", /^ {2}unitTests: .*\n/m, "");
    copy.replace("contract.yaml", /^ {2}records: .*\n/m, "");
    copy.replace("contract.yaml", /^ {2}failsWithoutDirectories: .*\n/m, "");
    const loaded = copy.load();
    const file = `${copy.dir}/contract.yaml`;
    await expect(checkUnitTests(loaded)).rejects.toThrow(
      new NotDeclaredError("app.unitTests", file, "the app's own unit tests"),
    );
    await expect(checkUnitTests(loaded)).rejects.toThrow(`not declared: app.unitTests in ${file}`);
    await expect(checkEnvPrecedence(loaded)).rejects.toThrow(`not declared: app.printConfig in ${file}`);
    await expect(checkNoMkdir(loaded)).rejects.toThrow(`not declared: app.failsWithoutDirectories in ${file}`);
    const served = await checkServeAndRecords(loaded, { port: "free" });
    expect(served).toMatchObject({ records: "not declared" });
  });
});
