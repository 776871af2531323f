// @module-tag contract
// @module-tag local
/**
 * Seed 004 §3.1 — Local stage of the execution contract: the target app as a local process.
 * Target: SMOKEBOOK_CONTRACT / SMOKEBOOK_TARGET (default fixtures/target). A failure here is the app code's (seed 004 §6.1 step 1).
 * The app runs with a minimal environment (PATH, HOME, TMPDIR and the contract variables a check sets); every wait's
 * poll lines go into the evidence.
 */
import { beforeAll, describe, it } from "vitest";
import type { LoadedContract } from "../../helpers/contract/load.ts";
import { withPollEvidence } from "../../helpers/contract/poll-evidence.ts";
import { loadStageContract } from "../../helpers/contract/stage-contract.ts";
import { recordIds } from "../../helpers/evidence/record.ts";
import { checkItem } from "../../helpers/layer-diagnosis-evidence.ts";
import { checkEnvPrecedence } from "../../helpers/local/env-precedence-check.ts";
import { checkNoMkdir } from "../../helpers/local/no-mkdir-check.ts";
import { checkServeAndRecords } from "../../helpers/local/serve-check.ts";
import { checkToolchain, toolchainBlock } from "../../helpers/local/toolchain-check.ts";
import { checkUnitTests } from "../../helpers/local/unit-tests-check.ts";

describe("execution contract — Local stage (app code)", () => {
  let loaded: LoadedContract;
  beforeAll(() => {
    loaded = loadStageContract("local");
  });

  it("the programs of the contract's commands are installed (app.start, printConfig, unitTests)", async (ctx) => {
    const found = await checkItem(ctx, { stage: "local", item: "app-logic", check: "toolchain" }, () =>
      checkToolchain(loaded),
    );
    await recordIds(ctx, found);
  });

  it("the target's own unit tests pass (contract app.unitTests)", async (ctx) => {
    const result = await checkItem(ctx, { stage: "local", item: "app-logic", check: "unit tests" }, () => {
      toolchainBlock(loaded);
      return checkUnitTests(loaded);
    });
    await recordIds(ctx, { passed: result.passed, duration_ms: result.durationMs });
  });

  it("env loading: the environment wins over the contract default, a directory variable over the root (B.2)", async (ctx) => {
    await checkItem(ctx, { stage: "local", item: "env", check: "env precedence" }, () => {
      toolchainBlock(loaded);
      return checkEnvPrecedence(loaded);
    });
  });

  it("with the contract directories, GET /health answers 200 on the contract port and JSONL records land in data/ and nowhere else", async (ctx) => {
    const result = await checkItem(ctx, { stage: "local", item: "health", check: "health and records" }, () => {
      toolchainBlock(loaded);
      return withPollEvidence(ctx, (onPoll) => checkServeAndRecords(loaded, { onPoll }));
    });
    await recordIds(ctx, { pid: result.pid, port: result.port, records: result.records });
    if (!result.contractPortFree) {
      await ctx.annotate(
        `contract port was taken on this machine; the app ran on ${result.port} via the port variable`,
      );
    }
  });

  it("without its directories the app exits non-zero, names them and creates none (B.1 rule 4)", async (ctx) => {
    const result = await checkItem(ctx, { stage: "local", item: "paths", check: "no mkdir" }, () => {
      toolchainBlock(loaded);
      return withPollEvidence(ctx, (onPoll) => checkNoMkdir(loaded, { onPoll }));
    });
    await recordIds(ctx, { exit_code: result.exitCode ?? "signal" });
  });
});
