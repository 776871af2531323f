import { describe, expect, it } from "vitest";
import { fromImages, globalArgs } from "./dockerfile-from.ts";

describe("fromImages", () => {
  it("lists the images of a multi-stage build, not its stage names", () => {
    const text = "FROM golang:1.22-alpine as builder\nRUN go build\n\nFROM alpine:3.20\nCOPY --from=builder /a /a\n";
    expect(fromImages(text)).toEqual([
      { image: "golang:1.22-alpine", line: 1, written: "golang:1.22-alpine" },
      { image: "alpine:3.20", line: 4, written: "alpine:3.20" },
    ]);
    expect(fromImages("FROM node:16-alpine as base\nFROM base as builder\nFROM base\n").map((f) => f.image)).toEqual([
      "node:16-alpine",
    ]);
  });

  it("substitutes global ARGs, build arguments over their defaults", () => {
    const text =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile ARG references, not a JS template
      "# c\nARG BASE_IMAGE=smokebook/node-base:24\nARG V\nFROM ${BASE_IMAGE}\nFROM --platform=linux/amd64 golang:${V:-1.22} AS b\n";
    expect(globalArgs(text)).toEqual({ BASE_IMAGE: "smokebook/node-base:24" });
    expect(fromImages(text).map((f) => [f.image, f.line])).toEqual([
      ["smokebook/node-base:24", 4],
      ["golang:1.22", 5],
    ]);
    expect(fromImages(text, { BASE_IMAGE: "node:24-slim", V: "1.26" }).map((f) => f.image)).toEqual([
      "node:24-slim",
      "golang:1.26",
    ]);
  });

  it("skips scratch and joins continuation lines", () => {
    expect(fromImages("FROM \\\n  scratch\n")).toEqual([]);
  });
});
