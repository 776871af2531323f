/**
 * The code of a Python source without what is not code: comments and the contents of string literals (single,
 * double and triple quoted, with r/b/u/f prefixes; docstrings are string literals) become spaces, so a word
 * search finds only code. The replacement keeps every newline, so line numbers stay; the expressions inside
 * f-string braces are kept, since they are code. logicalLines() then joins bracketed and backslash-continued
 * lines into the statements Python sees.
 */

const PREFIX = /[rRbBuUfF]{0,2}$/;
const IDENT = /[A-Za-z0-9_]/;

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

interface Literal {
  /** Index just past the closing quote (or the end of the line for an unterminated one-line string). */
  end: number;
  /** The literal with its contents blanked and, for f-strings, its expressions kept. */
  text: string;
}

function readLiteral(source: string, start: number, prefix: string): Literal {
  const quote = source[start] as string;
  const triple = source.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  const isF = /f/i.test(prefix);
  let out = delimiter;
  let i = start + delimiter.length;
  while (i < source.length) {
    const c = source[i] as string;
    if (source.startsWith(delimiter, i)) return { end: i + delimiter.length, text: out + delimiter };
    if (!triple && c === "\n") return { end: i, text: out };
    if (c === "\\") {
      out += blank(source.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (isF && c === "{" && source[i + 1] !== "{") {
      const expression = readExpression(source, i + 1, quote);
      out += ` ${expression.text}`;
      i = expression.end;
      continue;
    }
    if (isF && (c === "{" || c === "}") && source[i + 1] === c) {
      out += "  ";
      i += 2;
      continue;
    }
    out += blank(c);
    i++;
  }
  return { end: i, text: out };
}

/** An f-string expression up to its closing brace: kept as code, nested literals blanked. */
function readExpression(source: string, start: number, outerQuote: string): { end: number; text: string } {
  let depth = 0;
  let out = "";
  let i = start;
  while (i < source.length) {
    const c = source[i] as string;
    if ((c === '"' || c === "'") && c !== outerQuote) {
      const nested = readLiteral(source, i, "");
      out += nested.text;
      i = nested.end;
      continue;
    }
    if (c === "{" || c === "[" || c === "(") depth++;
    if (c === "]" || c === ")") depth--;
    if (c === "}") {
      if (depth === 0) return { end: i + 1, text: `${out} ` };
      depth--;
    }
    if (c === outerQuote || c === "\n") return { end: i, text: out };
    out += c;
    i++;
  }
  return { end: i, text: out };
}

/** The source with comments and string contents blanked (same length, same lines). */
export function pythonCodeOnly(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === "#") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      const prefix = out.match(PREFIX)?.[0] ?? "";
      const before = out[out.length - prefix.length - 1];
      const literal = readLiteral(source, i, before !== undefined && IDENT.test(before) ? "" : prefix);
      out += literal.text;
      i = literal.end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

export interface LogicalLine {
  /** 1-based line where the statement starts. */
  line: number;
  /** The statement's code on one line (continuations joined with a space), trimmed. */
  code: string;
}

/** Statements of code-only text (pythonCodeOnly): bracketed and backslash-continued lines joined. */
export function logicalLines(code: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let depth = 0;
  let current: LogicalLine | undefined;
  code.split("\n").forEach((text, index) => {
    const continued = /\\\s*$/.test(text);
    const part = continued ? text.replace(/\\\s*$/, "") : text;
    if (current) current.code += ` ${part.trim()}`;
    else if (part.trim() !== "") current = { line: index + 1, code: part.trim() };
    for (const c of part) {
      if (c === "(" || c === "[" || c === "{") depth++;
      if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    }
    if (current && depth === 0 && !continued) {
      lines.push({ line: current.line, code: current.code.trim() });
      current = undefined;
    }
  });
  if (current) lines.push({ line: current.line, code: current.code.trim() });
  return lines;
}
