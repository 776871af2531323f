import { describe, expect, it } from "vitest";
import { CheckNotApplicableError } from "./contract/errors.ts";
import { diagnose, type ItemResult, renderDiagnosis } from "./layer-diagnosis.ts";
import { checkItem, itemResultsFromJsonl, readSharedResults } from "./layer-diagnosis-evidence.ts";

const files = { local: "t/src", docker: "t/docker/Dockerfile", k8s: "t/k8s/overlays/production" };
const pass = (stage: ItemResult["stage"], item: ItemResult["item"]): ItemResult => ({
  stage,
  item,
  check: `${item} ok`,
  status: "pass",
});
const fail = (stage: ItemResult["stage"], item: ItemResult["item"], message: string, file?: string): ItemResult => ({
  stage,
  item,
  check: `${item} check`,
  status: "fail",
  message,
  file,
});

describe("diagnose", () => {
  it("passes every stage when nothing failed", () => {
    const d = diagnose([pass("local", "paths"), pass("docker", "paths"), pass("k8s", "volumes")], files);
    expect(d.stages.map((s) => s.verdict)).toEqual(["PASS", "PASS", "PASS"]);
    expect(d.attributions).toEqual([]);
    expect(renderDiagnosis(d)).toMatch(/nothing to fix/);
  });

  it("attributes an item to the first layer in which it fails", () => {
    const d = diagnose(
      [
        pass("local", "permissions"),
        fail("docker", "permissions", "USER is 0", "t/docker/Dockerfile"),
        fail("k8s", "permissions", "runAsUser 0"),
      ],
      files,
    );
    expect(d.stages.map((s) => s.verdict)).toEqual(["PASS", "FAIL", "FAIL"]);
    expect(d.attributions).toEqual([
      expect.objectContaining({ item: "permissions", layer: "docker", fixIn: "Dockerfile", alsoFailsIn: ["k8s"] }),
    ]);
    expect(renderDiagnosis(d)).toMatch(
      /Fix first: the Dockerfile \(t\/docker\/Dockerfile\), contract item permissions/,
    );
  });

  it("blames the app code for a Local failure even when later stages fail too", () => {
    const d = diagnose(
      [fail("local", "paths", "created data"), fail("docker", "paths", "missing"), fail("k8s", "volumes", "x")],
      files,
    );
    expect(d.attributions.map((a) => [a.item, a.fixIn, a.file])).toEqual([
      ["paths", "app code", "t/src"],
      ["volumes", "manifests", "t/k8s/overlays/production"],
    ]);
  });

  it("says when an earlier stage did not check the item (skipped Docker)", () => {
    const d = diagnose(
      [
        pass("local", "port"),
        { stage: "docker", item: "port", check: "docker", status: "skip", message: "no engine" },
        fail("k8s", "port", "targetPort 8080"),
      ],
      files,
    );
    expect(d.stages[1]?.verdict).toBe("SKIP");
    expect(d.attributions[0]).toMatchObject({ layer: "k8s", uncheckedBefore: ["docker"] });
    expect(renderDiagnosis(d)).toMatch(
      /\| port \| K8s \| manifests \| t\/k8s\/overlays\/production \| targetPort 8080 \(Docker did not run\) \|/,
    );
  });

  it("puts Helm between Docker and K8s and names the values file when the chart traced the value", () => {
    const helmFiles = { docker: "svc/Dockerfile", helm: "svc/charts/app", k8s: "svc/charts/app" };
    const d = diagnose(
      [
        pass("docker", "permissions"),
        { ...fail("helm", "permissions", "runAsUser 0", "ops/values-prod.yaml"), fix: "Helm values" },
      ],
      helmFiles,
    );
    expect(d.stages.map((s) => [s.stage, s.verdict])).toEqual([
      ["local", "NOT DECLARED"],
      ["docker", "PASS"],
      ["helm", "FAIL"],
      ["k8s", "NOT RUN"],
    ]);
    expect(renderDiagnosis(d)).toMatch(
      /Fix first: the Helm values \(ops\/values-prod\.yaml\), contract item permissions/,
    );
  });

  it("reports a stage without results as NOT RUN", () => {
    expect(diagnose([pass("k8s", "port")], files).stages.map((s) => s.verdict)).toEqual(["NOT RUN", "NOT RUN", "PASS"]);
  });
});

describe("shared results", () => {
  it("reads only this run's contract-item lines from evidence.jsonl", () => {
    const line = (o: object) => JSON.stringify(o);
    const text = [
      line({ type: "run-start", run: 1 }),
      line({ type: "record", name: "contract-item", value: fail("local", "paths", "old run") }),
      line({ type: "run-start", run: 2 }),
      line({ type: "record", name: "contract-item", value: pass("local", "paths") }),
      line({ type: "record", name: "other", value: {} }),
      "{ torn line",
    ].join("\n");
    expect(itemResultsFromJsonl(text)).toEqual([pass("local", "paths")]);
  });

  it("falls back to this worker's results and says why", () => {
    const shared = readSharedResults({}, [pass("k8s", "port")]);
    expect(shared.results).toEqual([pass("k8s", "port")]);
    expect(shared.source).toMatch(/SMOKEBOOK_EVIDENCE_DIR is not set/);
  });
});

describe("checkItem", () => {
  it("records a check that does not apply as a skip with its note, never as a pass", {
    tags: ["self-test"],
  }, async () => {
    const records: unknown[] = [];
    const skipped: string[] = [];
    const ctx = {
      annotate: async (message: string) => {
        if (message.startsWith("{")) records.push(JSON.parse(message));
      },
      skip: (note: string) => {
        skipped.push(note);
        throw new Error("skipped");
      },
    } as never;
    const meta = { stage: "docker" as const, item: "env" as const, check: "docker run -e" };
    const run = checkItem(ctx, meta, () => {
      throw new CheckNotApplicableError("not checked: nothing to override");
    });
    await expect(run).rejects.toThrow("skipped");
    expect(skipped).toEqual(["not checked: nothing to override"]);
    expect(records).toEqual([
      { name: "contract-item", value: { ...meta, status: "skip", message: "not checked: nothing to override" } },
    ]);
  });
});
