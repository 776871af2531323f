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
        /^DEV-019 wrapper guardrails: w\.py:6 ends with raise SystemExit.* \(an exit 0 as the last statement: Databricks may classify the run as failed even on exit code 0\)$/,
      );
    },
  );

  it("ignores comments, and SystemExit that is not the last statement or exits non-zero", () => {
    expect(wrapperViolations("# uses no __file__\nif bad:\n    raise SystemExit(0)\nmain()\n")).toEqual([]);
    expect(wrapperViolations("main()\nraise SystemExit(1)\n")).toEqual([]);
    expect(wrapperViolations('x = "#"; y = __file__\n')).toHaveLength(1);
  });

  it.each([
    ["a module docstring", '"""Never use __file__ here: it is undefined in a task."""\nmain()\n'],
    [
      "a multi-line function docstring",
      "def main():\n    '''Bootstrap.\n\n    No __file__, no SystemExit.\n    '''\n    run()\n\nmain()\n",
    ],
    ["a comment", "main()  # __file__ is not available\n"],
    ["a plain string", 'log("__file__ is undefined")\nmain()\n'],
    ["a raw byte string", "pattern = rb'__file__'\nmain()\n"],
    ["the literal part of an f-string", 'print(f"no __file__ in {name}")\nmain()\n'],
  ])("ignores __file__ inside %s", (_where, source) => {
    expect(wrapperViolations(source)).toEqual([]);
  });

  it("self-test: __file__ in an f-string expression is code and fails", { tags: ["self-test"] }, () => {
    expect(wrapperViolations('print(f"root={os.path.dirname(__file__)!r}")\n')).toEqual([
      { line: 1, rule: "__file__", text: 'print(f"root={os.path.dirname(__file__)!r}")' },
    ]);
  });

  it("self-test: a __file__ after a multi-line docstring is reported on its own line", { tags: ["self-test"] }, () => {
    const source = '"""Wrapper.\n\nMentions __file__ only here.\n"""\nROOT = __file__\n';
    expect(wrapperViolations(source)).toEqual([{ line: 5, rule: "__file__", text: "ROOT = __file__" }]);
  });

  it.each([
    ["sys.exit(0)", "main()\nsys.exit(0)\n", 2],
    ["sys.exit()", "main()\nsys.exit()\n", 2],
    ["exit(0)", "main()\nexit(0)\n", 2],
    ["os._exit(0)", "main()\nos._exit(0)\n", 2],
    ["sys.exit(0) inside the __main__ block", 'if __name__ == "__main__":\n    main()\n    sys.exit(0)\n', 3],
    ["sys.exit(0) on the __main__ line", 'if __name__ == "__main__": sys.exit(0)\n', 1],
    ["a multi-line sys.exit(0)", "main()\nsys.exit(\n    0\n)\n", 2],
    ["main(); sys.exit(0)", "main(); sys.exit(0)  # bye\n", 1],
  ])("self-test: fails a wrapper whose last statement is %s", { tags: ["self-test"] }, (_what, source, line) => {
    const violations = wrapperViolations(source);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ line, rule: "exit 0" });
  });

  it.each([
    ["a non-zero exit", "main()\nsys.exit(1)\n"],
    ["an exit with the result of main", "sys.exit(main())\n"],
    ["an exit that is not the last statement", "if failed:\n    sys.exit(0)\nreport()\n"],
    ["an exit in a trailing comment", "main()\n# sys.exit(0)\n"],
    ["an exit in a trailing string", 'main()\n"""sys.exit(0)"""\n'],
  ])("passes %s", (_what, source) => {
    expect(wrapperViolations(source)).toEqual([]);
  });

  it("names the variable when the local copy cannot be read", { tags: ["self-test"] }, () => {
    expect(() => checkWrapperGuardrails("/nonexistent/smoke_wrapper.py")).toThrow(
      /cannot read DEV019_WRAPPER_LOCAL_PATH=\/nonexistent\/smoke_wrapper\.py/,
    );
  });
});
