import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../helpers/paths.ts";

describe("scripts/build-base-image.ts", () => {
  it("rejects an unknown argument with its usage, before touching Docker", { tags: ["self-test"] }, () => {
    const result = spawnSync(process.execPath, [fromRoot("scripts/build-base-image.ts"), "--rebuild"], {
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown argument --rebuild; usage: node scripts\/build-base-image\.ts \[--force\]/);
  });
});
