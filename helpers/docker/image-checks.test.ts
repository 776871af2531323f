import { describe, expect, it } from "vitest";
import { ContractViolation } from "../contract/errors.ts";
import { loadEmbeddedContract } from "../contract/load.ts";
import { thrownError } from "../testing/thrown-error.ts";
import { checkExposedPort, checkImageEnv, checkImageUser, type ImageConfig } from "./image-checks.ts";

const { contract } = loadEmbeddedContract();
const dockerfile = "fixtures/target/docker/Dockerfile";
const good: ImageConfig = {
  User: "1000",
  ExposedPorts: { "8000/tcp": {} },
  Env: [
    "PATH=/usr/local/bin:/usr/bin:/bin",
    "OBSERVER_RUNTIME_ROOT=/opt/platform/runtime/observer",
    "OBSERVER_DATA_DIR=/opt/platform/runtime/observer/data",
    "OBSERVER_LOG_DIR=/opt/platform/runtime/observer/logs",
    "OBSERVER_CONFIG_DIR=/opt/platform/runtime/observer/config",
    "OBSERVER_UNIVERSE_DIR=/opt/platform/runtime/observer/universe",
    "SERVICE_PORT=8000",
    "OBSERVER_LOG_LEVEL=info",
    "OBSERVER_TICK_SECONDS=10",
  ],
};
const input = (config: ImageConfig) => ({ contract, dockerfile, config });

const violation = (run: () => unknown) => thrownError(ContractViolation, run);

describe("image config checks", () => {
  it("accept the contract's image config", () => {
    expect(checkImageUser(input(good))).toEqual({ user: "1000" });
    expect(checkImageUser(input({ ...good, User: "1000:1000" }))).toEqual({ user: "1000:1000" });
    expect(checkExposedPort(input(good))).toBeDefined();
    expect(checkImageEnv(input(good))).toEqual({ variables: 8 });
  });

  it("reject no USER, a named user and a wrong group", { tags: ["self-test"] }, () => {
    expect(violation(() => checkImageUser(input({ ...good, User: "" }))).message).toBe(
      "fixtures/target/docker/Dockerfile: USER (image Config.User): no USER: the container runs as root (uid 0); expected USER 1000 (numeric, contract permissions.uid; non-root) [permissions]",
    );
    expect(violation(() => checkImageUser(input({ ...good, User: "observer" }))).message).toMatch(/USER is "observer"/);
    expect(violation(() => checkImageUser(input({ ...good, User: "1000:0" }))).message).toMatch(/USER is "1000:0"/);
  });

  it("reject an image that exposes another port", { tags: ["self-test"] }, () => {
    const error = violation(() => checkExposedPort(input({ ...good, ExposedPorts: { "8080/tcp": {} } })));
    expect(error).toMatchObject({ item: "port", field: "EXPOSE (image Config.ExposedPorts)" });
    expect(error.message).toMatch(/exposes 8080\/tcp; expected EXPOSE 8000/);
    // No EXPOSE at all is not a verdict (EXPOSE is documentation): a skip note saying how to check it.
    expect(() => checkExposedPort(input({ ...good, ExposedPorts: null }))).toThrow(
      /not checked: .* has no EXPOSE \(the image exposes no port\); add EXPOSE 8000/,
    );
  });

  it("reject an Env without a contract default or with another value, naming each", { tags: ["self-test"] }, () => {
    const env = (good.Env ?? [])
      .filter((e) => !e.startsWith("OBSERVER_LOG_DIR="))
      .map((e) => (e === "SERVICE_PORT=8000" ? "SERVICE_PORT=9000" : e));
    const error = violation(() => checkImageEnv(input({ ...good, Env: env })));
    expect(error).toMatchObject({ item: "paths", field: "ENV (image Config.Env)" });
    expect(error.message).toMatch(/OBSERVER_LOG_DIR missing, SERVICE_PORT=9000 \(contract default 8000\)/);
  });
});
