import { describe, expect, it } from "vitest";
import { ANNOTATION_PREFIX } from "../evidence/record.ts";
import type { PollLine } from "../poll.ts";
import { withPollEvidence } from "./poll-evidence.ts";

const line = (attempt: number): PollLine => ({
  utc: "2026-02-05T01:02:03.000Z",
  attempt,
  elapsedSeconds: attempt / 10,
  state: "HTTP 503",
  condition: "GET http://127.0.0.1:1/health answers 200",
});

function fakeContext() {
  const annotations: Array<{ message: string; type?: string | undefined }> = [];
  const ctx = {
    annotate: async (message: string, type?: string) => {
      annotations.push({ message, type });
      return { message, type: type ?? "notice" };
    },
  };
  return { ctx: ctx as never, annotations };
}

describe("withPollEvidence", () => {
  it("records every poll line of the wait", async () => {
    const { ctx, annotations } = fakeContext();
    const value = await withPollEvidence(ctx, async (onPoll) => {
      onPoll(line(1));
      onPoll(line(2));
      return 42;
    });
    expect(value).toBe(42);
    expect(annotations.map((a) => a.type)).toEqual([`${ANNOTATION_PREFIX}poll`, `${ANNOTATION_PREFIX}poll`]);
    expect(JSON.parse(annotations[1]?.message ?? "")).toMatchObject({ attempt: 2, state: "HTTP 503" });
  });

  it("records them also when the wait fails, and rethrows", { tags: ["self-test"] }, async () => {
    const { ctx, annotations } = fakeContext();
    const failing = withPollEvidence(ctx, async (onPoll) => {
      onPoll(line(1));
      throw new Error("timed out");
    });
    await expect(failing).rejects.toThrow("timed out");
    expect(annotations).toHaveLength(1);
  });
});
