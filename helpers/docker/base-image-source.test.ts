import { describe, expect, it } from "vitest";
import { BASE_IMAGE } from "./base-image.ts";
import { type BaseImageDeps, provideBaseImage, readBaseImage } from "./base-image-source.ts";
import { BusyboxMissingError } from "./busybox.ts";

function deps(overrides: Partial<BaseImageDeps>) {
  const calls: string[] = [];
  const all: BaseImageDeps = {
    ensureLocal: async (image) => {
      calls.push(`build ${image}`);
      return { built: true };
    },
    present: async (image) => {
      calls.push(`inspect ${image}`);
      return false;
    },
    pull: async (image) => {
      calls.push(`pull ${image}`);
      return undefined;
    },
    ...overrides,
  };
  return { calls, deps: all };
}

describe("the Docker stage's base image", () => {
  it("is the local node-base image unless SMOKEBOOK_BASE_IMAGE names another", () => {
    expect(readBaseImage({})).toBe(BASE_IMAGE);
    expect(readBaseImage({ SMOKEBOOK_BASE_IMAGE: " " })).toBe(BASE_IMAGE);
    expect(readBaseImage({ SMOKEBOOK_BASE_IMAGE: "node:24-slim" })).toBe("node:24-slim");
  });

  it("builds the local default when it is missing", async () => {
    const { calls, deps: d } = deps({});
    await expect(provideBaseImage(BASE_IMAGE, d, new Map())).resolves.toEqual({
      available: true,
      image: BASE_IMAGE,
      origin: "built",
    });
    expect(calls).toEqual([`build ${BASE_IMAGE}`]);
  });

  it("uses or pulls another image, and builds nothing", async () => {
    const present = deps({ present: async () => true });
    await expect(provideBaseImage("node:24-slim", present.deps, new Map())).resolves.toMatchObject({ origin: "local" });
    const pulled = deps({});
    await expect(provideBaseImage("node:24-slim", pulled.deps, new Map())).resolves.toMatchObject({ origin: "pulled" });
    expect(pulled.calls).toEqual(["inspect node:24-slim", "pull node:24-slim"]);
  });

  it("is a skip note saying why and how to fix when busybox is missing", { tags: ["self-test"] }, async () => {
    const { deps: d } = deps({
      ensureLocal: () =>
        Promise.reject(new BusyboxMissingError("cannot be installed here: not root and no passwordless sudo")),
    });
    const status = await provideBaseImage(BASE_IMAGE, d, new Map());
    expect(status).toEqual({
      available: false,
      image: BASE_IMAGE,
      note:
        "base image smokebook/node-base:24 cannot be had (busybox is missing (/bin/busybox, /usr/bin/busybox) and cannot be installed here: not root and no passwordless sudo). " +
        "Fix: install busybox (`sudo apt-get install -y busybox-static`) and build it with `npm run docker:base-image`, or set SMOKEBOOK_BASE_IMAGE to a Node 24 image you can pull (e.g. node:24-slim); " +
        "SMOKEBOOK_REQUIRE_DOCKER=1 turns this skip into a failure",
    });
  });

  it("is a skip note naming the image when it cannot be pulled", { tags: ["self-test"] }, async () => {
    const { deps: d } = deps({ pull: async () => "connection refused" });
    const status = await provideBaseImage("registry.example:5000/node:24", d, new Map());
    expect(status.available === false && status.note).toMatch(
      /^base image registry\.example:5000\/node:24 cannot be had \(docker pull failed: connection refused\)\. Fix: pull it \(`docker pull registry\.example:5000\/node:24`\) or set SMOKEBOOK_BASE_IMAGE/,
    );
  });

  it("is asked once per process: concurrent stages share the answer", async () => {
    const { calls, deps: d } = deps({});
    const cache = new Map();
    const [a, b] = await Promise.all([provideBaseImage(BASE_IMAGE, d, cache), provideBaseImage(BASE_IMAGE, d, cache)]);
    expect(a).toBe(b);
    expect(calls).toEqual([`build ${BASE_IMAGE}`]);
  });
});
