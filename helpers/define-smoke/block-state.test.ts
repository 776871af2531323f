/**
 * defineSmoke in-process: what the checks of a block share — the smoke's settings (read once per block), the
 * results of earlier checks (a skipped or failed one is a PrerequisiteError naming it), shared values (made on first
 * use, finished once after the block's or group's last check with the checks that failed there) and groups.
 */
import { afterAll, describe, expect, it } from "vitest";
import { BlockResults, PrerequisiteError } from "./block-state.ts";
import { defineSmoke } from "./define-smoke.ts";

const env = { RUN_BLOCK_STATE_SELF_TEST: "1", SMOKEBOOK_MODE: "live", BLOCK_STATE_LIMIT: "3" };
const reads: string[] = [];
const made: string[] = [];
const finished: Array<{ what: string; failed: ReadonlyArray<string> }> = [];

const test = defineSmoke({
  name: "block state self-test",
  gate: "RUN_BLOCK_STATE_SELF_TEST",
  credentials: [],
  tags: ["self-test"],
  env,
  settings: ({ mode, env, recordedPoll }) => {
    reads.push(`${mode} ${String(recordedPoll)}`);
    return { limit: Number(env.BLOCK_STATE_LIMIT) };
  },
});

const counter = test.shared("the counter", () => {
  made.push("counter");
  return { count: 0 };
});
const tracked = test.shared(() => ({ name: "tracked" }), {
  finish: (value, failed) => void finished.push({ what: value.name, failed }),
});

const derived = test.shared("a value made from another", async ({ shared, settings, mode }) => ({
  counter: await shared(counter),
  limit: (await settings()).limit,
  mode,
}));

const first = test("settings: read once per block, on first use", ({ settings }) => {
  expect(settings.limit).toBe(3);
  return { answer: 42 };
});

const skipped = test("a skipped check produces no result", ({ skip }) => skip("nothing to check here"));

test("results: a later check reads what an earlier one returned, and why one is missing", ({ results, settings }) => {
  expect(settings.limit).toBe(3);
  expect(reads).toEqual(["live undefined"]);
  expect(results.of(first)).toEqual({ answer: 42 });
  expect(results.passed(first)).toBe(true);
  expect(results.passed(skipped)).toBe(false);
  expect(results.failed(skipped)).toBe(false);
  expect(() => results.of(skipped)).toThrow(PrerequisiteError);
  expect(() => results.of(skipped)).toThrow(
    /"a skipped check produces no result" did not produce its result in this run \(see that check's failure or skip note\)/,
  );
  expect(() => results.of(skipped, "no run to judge")).toThrow("no run to judge");
});

test("shared: a shared value is made from another one and the settings", async ({ shared }) => {
  const value = await shared(derived);
  expect(value.counter).toBe(await shared(counter));
  expect(value).toMatchObject({ limit: 3, mode: "live" });
});

test("shared: made once on first use, the same value for every check", async ({ shared }) => {
  (await shared(counter)).count += 1;
  (await shared(counter)).count += 1;
  expect((await shared(counter)).count).toBe(2);
  expect((await shared(derived)).counter.count).toBe(2);
  expect(made).toEqual(["counter"]);
  expect((await shared(tracked)).name).toBe("tracked");
});

const inGroup = test.group("a group", () => {
  const value = test.shared("the group's value", () => ({ name: "group value" }), {
    finish: (value, failed) => void finished.push({ what: value.name, failed }),
  });
  test("group: its shared value and the block's are both reachable", async ({ shared }) => {
    expect((await shared(value)).name).toBe("group value");
    expect((await shared(counter)).count).toBe(2);
  });
  return value;
});

test("group: its shared value was finished after its last check, and is not reachable outside it", async ({
  shared,
}) => {
  expect(finished).toEqual([{ what: "group value", failed: [] }]);
  await expect(shared(inGroup)).rejects.toThrow(
    /the group's value is not shared in this block of block state self-test/,
  );
});

const FAILING = "self-test: a check that fails (expected) is named to its group's and its block's finish";
const failing = test.group("a failing group", () => {
  const value = test.shared("its value", () => ({ name: "failing group value" }), {
    finish: (value, failed) => void finished.push({ what: value.name, failed: [...failed] }),
  });
  return test(FAILING, { fails: true }, async ({ shared }) => {
    expect(await shared(value)).toBeDefined();
    throw new Error("this check fails on purpose");
  });
});

test("results: a failed check is failed, and has no result", ({ results }) => {
  expect(results.failed(failing)).toBe(true);
  expect(results.passed(failing)).toBe(false);
  expect(() => results.of(failing)).toThrow(/did not produce its result/);
});

test.inModes(["replay"], () => {
  test("self-test: declared for replay only, never listed in a live block", () => {
    throw new Error("a replay-only check ran in the live block");
  });
});
test.group("a replay-only group", { modes: ["replay"] }, () => {
  test("self-test: never listed in a live block either", () => {
    throw new Error("a replay-only group ran in the live block");
  });
});
const liveOnly = test.inModes(["live", "record"], () =>
  test("inModes: declared for live and record, listed in the live block", ({ mode }) => mode),
);

test("inModes: a check it declares has its result like any other; the smoke lists one live block", ({ results }) => {
  expect(results.of(liveOnly)).toBe("live");
  expect(test.modes).toEqual(["live"]);
});

afterAll(() => {
  // The block's own shared values finish after its last check, before the file's afterAll.
  expect(finished).toEqual([
    { what: "group value", failed: [] },
    { what: "failing group value", failed: [FAILING] },
    { what: "tracked", failed: [FAILING] },
  ]);
});

describe("BlockResults", () => {
  it("a failed check is failed, not passed, and its result is a PrerequisiteError naming it", () => {
    const results = new BlockResults();
    const check = { name: "submit" };
    results.fail(check);
    expect(results.failed(check)).toBe(true);
    expect(results.passed(check)).toBe(false);
    expect(() => results.of(check)).toThrow(/"submit" did not produce its result/);
  });
});

// A smoke whose settings cannot be read: every check that needs them fails with the error naming the variable,
// read once (not once per check).
let badReads = 0;
const badSettings = defineSmoke({
  name: "bad settings self-test",
  gate: "RUN_BLOCK_STATE_SELF_TEST",
  credentials: [],
  tags: ["self-test"],
  env,
  settings: () => {
    badReads += 1;
    throw new Error('BLOCK_STATE_LIMIT="x" is not allowed: expected a number');
  },
});
const needsSettings = badSettings.shared(async ({ settings }) => settings());
for (const name of ["first", "second"]) {
  badSettings(`self-test: the ${name} check needing the settings fails with their error`, async ({ shared }) => {
    await expect(shared(needsSettings)).rejects.toThrow('BLOCK_STATE_LIMIT="x" is not allowed: expected a number');
    expect(badReads).toBe(1);
  });
}
