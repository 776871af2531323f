/**
 * DEV-019 wrapper guardrails, checked on a local copy of the wrapper (DEV019_WRAPPER_LOCAL_PATH):
 *   - it must not depend on __file__ (undefined in a Databricks Python task context);
 *   - it must not finish with an exit 0 — `raise SystemExit(0)`, `sys.exit(0)`, `exit(0)` (or their no-argument
 *     forms) as the last statement: Databricks may classify the run as failed even on exit 0.
 * Only code counts: comments, docstrings and other string literals are blanked first (python-code.ts), so a
 * docstring that says "do not use __file__" passes and a `# raise SystemExit(0)` comment at the end is ignored.
 */
import { readFileSync } from "node:fs";
import { CriterionError } from "./errors.ts";
import { logicalLines, pythonCodeOnly } from "./python-code.ts";

export interface GuardrailViolation {
  line: number;
  rule: "__file__" | "exit 0";
  text: string;
}

const CRITERION = "DEV-019 wrapper guardrails";
const ZERO = String.raw`\(\s*(0|None|False)?\s*\)`;
const EXIT_ZERO = new RegExp(
  String.raw`^(raise\s+SystemExit(\s*${ZERO})?|(sys\.)?exit\s*${ZERO}|quit\s*${ZERO}|os\._exit\s*\(\s*0\s*\))$`,
);
/** A one-line compound statement's body: `if __name__ == "__main__": sys.exit(0)` → `sys.exit(0)`. */
const INLINE_BODY = /^(if|elif|else|try|finally|with|for|while)\b.*:\s*(\S.*)$/;

/** The last statement of the code, one-line compound bodies and `;`-separated parts reduced to the last one. */
function lastStatement(code: string): { line: number; code: string } | undefined {
  const last = logicalLines(code).at(-1);
  if (!last) return undefined;
  const body = last.code.match(INLINE_BODY)?.[2] ?? last.code;
  const parts = body
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  return { line: last.line, code: parts.at(-1) ?? "" };
}

export function wrapperViolations(source: string): GuardrailViolation[] {
  const original = source.split(/\r?\n/);
  const code = pythonCodeOnly(source.replace(/\r\n/g, "\n"));
  const violations: GuardrailViolation[] = [];
  code.split("\n").forEach((line, i) => {
    if (/\b__file__\b/.test(line)) violations.push({ line: i + 1, rule: "__file__", text: (original[i] ?? "").trim() });
  });
  const last = lastStatement(code);
  if (last && EXIT_ZERO.test(last.code)) {
    violations.push({ line: last.line, rule: "exit 0", text: (original[last.line - 1] ?? last.code).trim() });
  }
  return violations;
}

/** Throws CriterionError WRAPPER_GUARDRAIL naming the file, line and rule of every violation. */
export function checkWrapperGuardrails(path: string, shownAs = path): void {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new CriterionError(
      "WRAPPER_GUARDRAIL",
      CRITERION,
      `cannot read DEV019_WRAPPER_LOCAL_PATH=${shownAs}: ${(error as Error).message}`,
    );
  }
  const violations = wrapperViolations(source);
  if (violations.length === 0) return;
  const described = violations.map((v) =>
    v.rule === "__file__"
      ? `${shownAs}:${v.line} depends on __file__ (not defined in a Databricks Python task): ${v.text}`
      : `${shownAs}:${v.line} ends with ${v.text} (an exit 0 as the last statement: Databricks may classify the run as failed even on exit code 0)`,
  );
  throw new CriterionError("WRAPPER_GUARDRAIL", CRITERION, described.join("; "));
}
