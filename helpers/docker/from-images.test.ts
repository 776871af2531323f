import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ImageAvailability, unavailableFromImage } from "./from-images.ts";

const dir = mkdtempSync(join(tmpdir(), "smokebook-from-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DOCKERFILE = join(dir, "Dockerfile");
writeFileSync(
  DOCKERFILE,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile ARG reference, not a JS template
  "ARG BASE_IMAGE=smokebook/node-base:24\nFROM golang:1.22-alpine AS builder\nRUN go build\nFROM ${BASE_IMAGE}\nCOPY --from=builder /app /app\n",
);

function engine(present: string[], pullable: string[] = []): ImageAvailability & { pulled: string[] } {
  const pulled: string[] = [];
  return {
    pulled,
    present: async (image) => present.includes(image),
    pull: async (image) => {
      pulled.push(image);
      return pullable.includes(image) ? undefined : "dial tcp: lookup registry-1.docker.io: no such host";
    },
  };
}

describe("FROM images the engine cannot have", { tags: ["self-test"] }, () => {
  it("are an environment note naming the image, the FROM line and how to provide it", async () => {
    const note = await unavailableFromImage(DOCKERFILE, "svc/Dockerfile", {}, engine(["smokebook/node-base:24"]));
    expect(note).toMatch(
      /^base image golang:1\.22-alpine of svc\/Dockerfile \(FROM, line 2\) cannot be had: not on this engine, and docker pull failed: dial tcp: lookup registry-1\.docker\.io: no such host\. Provide it: `docker pull golang:1\.22-alpine`/,
    );
    expect(note).toMatch(/SMOKEBOOK_REQUIRE_DOCKER=1 turns this skip into a failure$/);
  });

  it("are none when every image is present or pulled; the base image the stage provides is not asked for", async () => {
    const fake = engine([], ["golang:1.22-alpine"]);
    expect(
      await unavailableFromImage(DOCKERFILE, "svc/Dockerfile", { BASE_IMAGE: "x/base:1" }, fake, ["x/base:1"]),
    ).toBeUndefined();
    expect(fake.pulled).toEqual(["golang:1.22-alpine"]);
  });
});
