/**
 * DEV-019 wrapper guardrails, checked on a local copy of the wrapper (DEV019_WRAPPER_LOCAL_PATH):
 *   - it must not depend on __file__ (undefined in a Databricks Python task context);
 *   - it must not finish with `raise SystemExit(0)` (Databricks may classify the run as failed even on exit 0).
 */
import { readFileSync } from "node:fs";
import { CriterionError } from "./errors.ts";

export interface GuardrailViolation {
  line: number;
  rule: "__file__" | "SystemExit(0)";
  text: string;
}

const CRITERION = "DEV-019 wrapper guardrails";
const SYSTEM_EXIT_ZERO = /^raise\s+SystemExit(\s*\(\s*(0|None)?\s*\))?\s*(#.*)?$/;

/** Code part of a Python line: text before a `#` that is outside quotes. */
function codeOf(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

export function wrapperViolations(source: string): GuardrailViolation[] {
  const lines = source.split(/\r?\n/);
  const violations: GuardrailViolation[] = [];
  lines.forEach((line, i) => {
    if (/\b__file__\b/.test(codeOf(line))) violations.push({ line: i + 1, rule: "__file__", text: line.trim() });
  });
  for (let i = lines.length - 1; i >= 0; i--) {
    const code = codeOf(lines[i] ?? "").trim();
    if (code === "") continue;
    if (SYSTEM_EXIT_ZERO.test(code)) violations.push({ line: i + 1, rule: "SystemExit(0)", text: code });
    break;
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
      : `${shownAs}:${v.line} ends with ${v.text} (Databricks may classify the run as failed even on exit code 0)`,
  );
  throw new CriterionError("WRAPPER_GUARDRAIL", CRITERION, described.join("; "));
}
