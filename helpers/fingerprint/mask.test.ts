import { describe, expect, it } from "vitest";
import { maskVolatile } from "./mask.ts";
import { perturbText } from "./variants.ts";

describe("maskVolatile", () => {
  it.each([
    ["run_id=scheduled_b_202602110020 failed", "run_id=scheduled_b_<n> failed"],
    ["end_ts=2026-02-10T15:00:00Z", "end_ts=<ts>"],
    ["at 2026-02-10 14:50:00.123+09:00 and 2026-02-10", "at <ts> and <ts>"],
    ["alert cbd5db9a-b487-4b8c-ad83-15e4d4a6f245 fired", "alert <uuid> fired"],
    ["commit 74ca2bf8df326097 at 0x7ffd3a", "commit <hex> at <hex>"],
    [
      "has 2 current rules (rule_ids=R-RECON-0007,R-RECON-0011)",
      "has <n> current rules (rule_ids=R-RECON-<n>,R-RECON-<n>)",
    ],
    ["  spaced \n out  ", "spaced out"],
  ])("%j → %j", (input, expected) => {
    expect(maskVolatile(input)).toBe(expected);
  });

  it("keeps words that merely look like hex", () => {
    expect(maskVolatile("facade decade Exception")).toBe("facade decade Exception");
  });
});

describe("perturbText", () => {
  it("changes every volatile token and nothing else", () => {
    const text =
      "run_id=scheduled_b_202602110020 at 2026-02-10T15:00:00Z alert cbd5db9a-b487-4b8c-ad83-15e4d4a6f245 n=2";
    const changed = perturbText(text);
    expect(changed).not.toBe(text);
    expect(changed).toMatch(/^run_id=scheduled_b_\d{12} at 2026-02-11T15:37:00Z alert [0-9a-f-]{36} n=9$/);
    expect(maskVolatile(changed)).toBe(maskVolatile(text));
  });
});
