import { describe, expect, it } from "vitest";
import { intermediateImages } from "./image-build.ts";

describe("intermediateImages", () => {
  it("lists the step images of a classic build, not the FROM image nor containers", () => {
    const log = [
      "Step 1/5 : FROM smokebook/node-base:24",
      " ---> a0c74bea3f01",
      "Step 2/5 : ENV A=1",
      " ---> Running in 0f0e0d0c0b0a",
      "Removing intermediate container 0f0e0d0c0b0a",
      " ---> 224a2c1b7398",
      "Step 3/5 : WORKDIR /app",
      " ---> Using cache",
      " ---> 1a5e90eaf501",
      "Step 4/5 : RUN false",
      " ---> Running in 9a9b9c9d9e9f",
      "The command '/bin/sh -c false' returned a non-zero code: 1",
    ].join("\n");
    expect(intermediateImages(log)).toEqual(["224a2c1b7398", "1a5e90eaf501"]);
  });
});
