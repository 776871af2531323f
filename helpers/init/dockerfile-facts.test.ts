import { describe, expect, test } from "vitest";
import { fromRoot } from "../paths.ts";
import { readDockerfile } from "./dockerfile-facts.ts";

describe("Dockerfile facts for smokebook init", () => {
  test("podinfo: the final stage's USER, WORKDIR and CMD, not the builder's", () => {
    const facts = readDockerfile(fromRoot("fixtures/services/podinfo/Dockerfile"));
    expect(facts).toMatchObject({ user: "app", workdir: "/home/app", cmd: ["./podinfo"], expose: [] });
    expect(facts.baseImage).toBe("alpine:3.20");
  });

  test("aks-store-demo order-service: EXPOSE, ENV expanded from its ARG default, CMD", () => {
    const facts = readDockerfile(fromRoot("fixtures/services/aks-store-demo/src/order-service/Dockerfile"));
    expect(facts).toMatchObject({ expose: [3000], workdir: "/app", cmd: ["npm", "start"] });
    expect(facts.env).toEqual([{ name: "APP_VERSION", value: "0.1.0" }]);
  });

  test("the sample target: the ARG used in FROM is the base image argument", () => {
    const facts = readDockerfile(fromRoot("fixtures/target/docker/Dockerfile"));
    expect(facts.baseImageArg).toBe("BASE_IMAGE");
    expect(facts.expose).toEqual([8000]);
  });

  test("shell-form CMD, legacy ENV, continuation lines, numeric USER", () => {
    const text = 'FROM x\nENV A 1\nENV B="two words" \\\n  C=3\nUSER 1001:1001\nCMD node server.js\n';
    expect(readDockerfile("Dockerfile", text)).toMatchObject({
      user: "1001:1001",
      env: [
        { name: "A", value: "1" },
        { name: "B", value: "two words" },
        { name: "C", value: "3" },
      ],
      cmd: ["/bin/sh", "-c", "node server.js"],
    });
  });
});
