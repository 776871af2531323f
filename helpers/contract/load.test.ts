import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { fromRoot } from "../paths.ts";
import { thrownError } from "../testing/thrown-error.ts";
import { ContractFileError } from "./errors.ts";
import {
  contractPathOf,
  DEFAULT_TARGET,
  embeddedTargetDir,
  fieldPath,
  loadContract,
  loadEmbeddedContract,
  loadTargetContract,
  readContractPath,
  readTargetDir,
} from "./load.ts";
import { TargetCopy } from "./target-copy.ts";

const original = readFileSync(fromRoot(DEFAULT_TARGET, "contract.yaml"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "smokebook-contract-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document that each self-test edits freely
type Doc = Record<string, any>;

let counter = 0;
function brokenTarget(edit: (doc: Doc) => void): string {
  const dir = join(scratch, `t${counter++}`);
  const doc = parse(original) as Doc;
  edit(doc);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, "contract.yaml"), stringify(doc));
  return dir;
}

const failure = (dir: string) => thrownError(ContractFileError, () => loadContract(dir));

describe("loadContract", () => {
  it("reads the embedded target's contract", () => {
    const { contract, file } = loadContract(readTargetDir({}));
    expect(file).toBe("fixtures/target/contract.yaml");
    expect(contract.permissions?.uid).toBe(1000);
    expect(contract.port.number).toBe(8000);
  });

  it("takes the target from SMOKEBOOK_TARGET, relative to the repository root", () => {
    expect(readTargetDir({ SMOKEBOOK_TARGET: "fixtures/other" })).toBe(fromRoot("fixtures/other"));
    expect(readTargetDir({ SMOKEBOOK_TARGET: "/srv/target" })).toBe("/srv/target");
  });

  it("rejects an unknown field naming the file and the field path", { tags: ["self-test"] }, () => {
    const error = failure(brokenTarget((doc) => (doc.port.protocol = "tcp")));
    expect(error.code).toBe("CONTRACT_INVALID");
    expect(error.message).toMatch(/contract\.yaml \(1 problem\): port\.protocol: unknown field/);
  });

  it("rejects a wrong type saying what was expected", { tags: ["self-test"] }, () => {
    const error = failure(brokenTarget((doc) => (doc.permissions.uid = "1000")));
    expect(error.message).toMatch(/contract\.yaml \(1 problem\): permissions\.uid: .*expected number, received string/);
  });

  it("rejects a missing field and a tag format outside the policy, every problem at once", {
    tags: ["self-test"],
  }, () => {
    const error = failure(
      brokenTarget((doc) => {
        delete doc.port;
        doc.image.tagFormats = ["latest"];
        doc.env[0].source = "vault";
      }),
    );
    expect(error.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(["port", "image.tagFormats[0]", "env[0].source"]),
    );
    const source = error.issues.find((i) => i.field === "env[0].source");
    expect(source).toMatchObject({
      value: "vault",
      allowed: ["configmap", "secret", "literal", "fieldRef", "argument"],
    });
    expect(error.message).toMatch(/contract\.yaml \(\d+ problems\)/);
    expect(error.message).toMatch(/image\.tagFormats\[0\]: .*value: latest; allowed: .*semver.*digest/);
  });

  it("accepts a contract that declares only name, port and its version (every policy optional)", () => {
    const dir = join(scratch, "minimal");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "contract.yaml"), "contractVersion: 1\nname: minimal\nport: { number: 9898 }\n");
    const { contract } = loadContract(dir);
    expect(contract).toMatchObject({ name: "minimal", env: [], port: { number: 9898 } });
    expect(contract.permissions).toBeUndefined();
    expect(contract.kubernetes).toBeUndefined();
  });

  it("takes SMOKEBOOK_CONTRACT as a file anywhere, before SMOKEBOOK_TARGET", () => {
    const dir = brokenTarget((doc) => (doc.name = "elsewhere"));
    const file = join(dir, "ops-contract.yaml");
    writeFileSync(file, readFileSync(join(dir, "contract.yaml"), "utf8"));
    const env = { SMOKEBOOK_CONTRACT: file, SMOKEBOOK_TARGET: "fixtures/other" };
    expect(readContractPath(env)).toBe(file);
    expect(loadTargetContract(env)).toMatchObject({ path: file, dir, contract: { name: "elsewhere" } });
  });

  it("resolves the contract's relative paths from its own folder, `..` included", () => {
    const loaded = { dir: "/ops/contracts/svc" };
    expect(contractPathOf(loaded, "../../../app/Dockerfile")).toBe("/app/Dockerfile");
    expect(contractPathOf(loaded, "k8s")).toBe("/ops/contracts/svc/k8s");
  });

  it("rejects a directory whose variable is not declared in env", { tags: ["self-test"] }, () => {
    const error = failure(brokenTarget((doc) => (doc.paths.directories.cache = { env: "OBSERVER_CACHE_DIR" })));
    expect(error.message).toMatch(/paths\.directories\.cache\.env: OBSERVER_CACHE_DIR is not declared in env/);
  });

  it("rejects the cross-field mistakes, each naming its field", { tags: ["self-test"] }, () => {
    const error = failure(
      brokenTarget((doc) => {
        doc.env.push({ name: "LOG_LEVEL", source: "argument" });
        doc.kubernetes.helm = { chart: "charts/observer" };
        doc.image.tagFormats = [{ regex: "build-(" }];
        doc.app.records.directory = "cache";
        doc.volumes.ephemeral = ["scratch"];
      }),
    );
    const byField = Object.fromEntries(error.issues.map((i) => [i.field, i.expected]));
    expect(byField).toMatchObject({
      "env[10].argument": expect.stringMatching(/source argument needs the flag that carries it/),
      kubernetes: "exactly one render source: kustomize or helm",
      "image.tagFormats[0].regex": "a valid regular expression",
      "app.records.directory": "cache is not in paths.directories",
      "volumes.ephemeral[0]": "scratch is neither an absolute path nor in paths.directories",
    });
  });

  it("rejects invalid YAML with its line, and a missing file", { tags: ["self-test"] }, () => {
    const dir = brokenTarget(() => {});
    writeFileSync(join(dir, "contract.yaml"), "name: [observer\n");
    expect(failure(dir).message).toMatch(/contract\.yaml \(1 problem\): line \d+, column \d+: valid YAML/);
    expect(failure(join(scratch, "nowhere")).message).toMatch(
      /nowhere\/contract\.yaml \(1 problem\): \(document\): a contract file/,
    );
    expect(failure(join(scratch, "nowhere")).message).toMatch(/SMOKEBOOK_CONTRACT names a file/);
  });
});

describe("the embedded target and the target under test", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("self-tests and replays read fixtures/target whatever SMOKEBOOK_TARGET says", {
    tags: ["self-test"],
  }, async () => {
    const own = brokenTarget((doc) => (doc.name = "users-own-target"));
    vi.stubEnv("SMOKEBOOK_TARGET", own);
    expect(loadTargetContract().contract.name).toBe("users-own-target");
    expect(embeddedTargetDir()).toBe(fromRoot(DEFAULT_TARGET));
    expect(loadEmbeddedContract().contract.name).toBe("observer");
    await using copy = new TargetCopy(undefined, "embedded");
    expect(copy.load().contract.name).toBe("observer");
    expect(copy.read("docker/Dockerfile")).toMatch(/^USER 1000$/m);
  });
});

describe("fieldPath", () => {
  it("renders indexes in brackets", () => {
    expect(fieldPath(["env", 2, "name"])).toBe("env[2].name");
  });
});
