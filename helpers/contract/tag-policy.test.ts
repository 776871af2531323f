import { describe, expect, it } from "vitest";
import type { TagFormat } from "./schema-fields.ts";
import { buildTag, splitImage, tagPolicyProblem } from "./tag-policy.ts";

const seed: TagFormat[] = ["build-YYYYMMDD-HHMMSS", "sha-<commit>"];
const tag = (t: string | undefined) => ({ repository: "ghcr.io/x/y", tag: t, digest: undefined });
const DIGEST = `sha256:${"a".repeat(64)}`;

describe("tag policy", () => {
  it("accepts build timestamps and commit tags", () => {
    expect(tagPolicyProblem(tag("build-20260204-220645"), seed)).toBeUndefined();
    expect(tagPolicyProblem(tag("sha-3523d81"), seed)).toBeUndefined();
    expect(tagPolicyProblem(tag(buildTag(new Date("2026-02-05T01:02:03Z"))), seed)).toBeUndefined();
    expect(buildTag(new Date("2026-02-05T01:02:03Z"))).toBe("build-20260205-010203");
  });

  it("accepts semver (with or without v), a pinned digest and a regex of the operator's own", () => {
    expect(tagPolicyProblem(tag("v0.9.0"), ["semver"])).toBeUndefined();
    expect(tagPolicyProblem(tag("6.9.1"), ["semver"])).toBeUndefined();
    expect(tagPolicyProblem(tag("1.2.3-rc.1+build.5"), ["semver"])).toBeUndefined();
    expect(tagPolicyProblem({ repository: "r", tag: undefined, digest: DIGEST }, ["digest"])).toBeUndefined();
    expect(tagPolicyProblem({ repository: "r", tag: "v1.0.0", digest: DIGEST }, ["digest"])).toBeUndefined();
    expect(tagPolicyProblem(tag("release-42"), [{ regex: "release-\\d+" }])).toBeUndefined();
    expect(tagPolicyProblem(tag("6.9.1"), undefined)).toBeUndefined();
  });

  it.each([
    [tag(undefined), seed, /no tag/],
    [tag("latest"), seed, /latest is never allowed/],
    [tag("latest"), [{ regex: ".*" }], /latest is never allowed/],
    [tag("latest"), undefined, /latest is never allowed/],
    [tag("build-20261304-220645"), seed, /matches none/],
    [tag("v1.2.3"), seed, /tag v1\.2\.3 matches none of build-YYYYMMDD-HHMMSS, sha-<commit>/],
    [tag("1.2"), ["semver"], /matches none of semver/],
    [tag("v1.0.0"), ["digest"], /matches none of digest/],
    [tag("release-x"), [{ regex: "release-\\d+" }], /matches none of regex release-\\d\+/],
  ] as const)("rejects %j under %j", (ref, formats, message) => {
    expect(tagPolicyProblem(ref, formats as ReadonlyArray<TagFormat> | undefined)).toMatch(message);
  });

  it("splits registry ports from tags, and digests", () => {
    expect(splitImage("registry:5000/obs/observer:sha-abc1234")).toEqual({
      repository: "registry:5000/obs/observer",
      tag: "sha-abc1234",
      digest: undefined,
    });
    expect(splitImage("registry:5000/obs/observer").tag).toBeUndefined();
    expect(splitImage(`ghcr.io/a/b:v1@${DIGEST}`)).toEqual({ repository: "ghcr.io/a/b", tag: "v1", digest: DIGEST });
  });
});
