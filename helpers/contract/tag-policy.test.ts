import { describe, expect, it } from "vitest";
import { buildTag, splitImage, tagPolicyProblem } from "./tag-policy.ts";

const formats = ["build-YYYYMMDD-HHMMSS", "sha-<commit>"] as const;

describe("tag policy", () => {
  it("accepts build timestamps and commit tags", () => {
    expect(tagPolicyProblem("build-20260204-220645", formats)).toBeUndefined();
    expect(tagPolicyProblem("sha-3523d81", formats)).toBeUndefined();
    expect(tagPolicyProblem(buildTag(new Date("2026-02-05T01:02:03Z")), formats)).toBeUndefined();
    expect(buildTag(new Date("2026-02-05T01:02:03Z"))).toBe("build-20260205-010203");
  });

  it.each([
    [undefined, /no tag/],
    ["latest", /latest is never allowed/],
    ["build-20261304-220645", /matches none/],
    ["v1.2.3", /matches none of build-YYYYMMDD-HHMMSS, sha-<commit>/],
  ])("rejects %j", (tag, message) => {
    expect(tagPolicyProblem(tag, formats)).toMatch(message);
  });

  it("splits registry ports from tags", () => {
    expect(splitImage("registry:5000/obs/observer:sha-abc1234")).toEqual({
      repository: "registry:5000/obs/observer",
      tag: "sha-abc1234",
      digest: undefined,
    });
    expect(splitImage("registry:5000/obs/observer").tag).toBeUndefined();
  });
});
