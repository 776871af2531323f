import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { DEV019_FIXTURE_WRAPPER } from "./dev019-config.ts";
import { CriterionError } from "./errors.ts";
import { checkWrapperGuardrails, wrapperViolations } from "./wrapper-guardrails.ts";

function wrapperFile(source: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "smokebook-wrapper-")), "smoke_wrapper.py");
  writeFileSync(path, source);
  return path;
}

describe("DEV-019 wrapper guardrails", () => {
  it("the fixture wrapper passes", () => {
    expect(() => checkWrapperGuardrails(fromRoot(DEV019_FIXTURE_WRAPPER))).not.toThrow();
  });

  it("fails a wrapper that depends on __file__, naming file and line", { tags: ["self-test"] }, () => {
    const path = wrapperFile(
      "import os, sys\nROOT = os.path.dirname(os.path.abspath(__file__))\nsys.path.insert(0, ROOT)\nmain()\n",
    );
    let error: unknown;
    try {
      checkWrapperGuardrails(path, "smoke_wrapper.py");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CriterionError);
    expect((error as CriterionError).code).toBe("WRAPPER_GUARDRAIL");
    expect((error as Error).message).toBe(
      "DEV-019 wrapper guardrails: smoke_wrapper.py:2 depends on __file__ (not defined in a Databricks Python task): ROOT = os.path.dirname(os.path.abspath(__file__))",
    );
  });

  it.each(["raise SystemExit(0)", "    raise SystemExit(0)  # done", "raise SystemExit()", "raise SystemExit"])(
    "fails a wrapper ending with %j",
    { tags: ["self-test"] },
    (ending) => {
      const path = wrapperFile(
        `def main():\n    print("ok")\n\nif __name__ == "__main__":\n    main()\n${ending}\n\n# trailing comment\n`,
      );
      expect(() => checkWrapperGuardrails(path, "w.py")).toThrow(
        /^DEV-019 wrapper guardrails: w\.py:6 ends with raise SystemExit.*\(Databricks may classify the run as failed even on exit code 0\)$/,
      );
    },
  );

  it("ignores comments, and SystemExit that is not the last statement or exits non-zero", () => {
    expect(wrapperViolations("# uses no __file__\nif bad:\n    raise SystemExit(0)\nmain()\n")).toEqual([]);
    expect(wrapperViolations("main()\nraise SystemExit(1)\n")).toEqual([]);
    expect(wrapperViolations('x = "#"; y = __file__\n')).toHaveLength(1);
  });

  it("names the variable when the local copy cannot be read", { tags: ["self-test"] }, () => {
    expect(() => checkWrapperGuardrails("/nonexistent/smoke_wrapper.py")).toThrow(
      /cannot read DEV019_WRAPPER_LOCAL_PATH=\/nonexistent\/smoke_wrapper\.py/,
    );
  });
});
