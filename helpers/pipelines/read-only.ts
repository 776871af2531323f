/**
 * The operations checks only read. Every statement goes through assertReadOnly before it reaches an engine, so a
 * retention "dry-run" cannot turn into the runbook's fallback DELETE by mistake.
 */
import { ReadOnlyStatementError } from "./errors.ts";

const WRITE_KEYWORDS =
  /\b(DELETE|INSERT|UPDATE|MERGE|DROP|TRUNCATE|ALTER|CREATE|COPY|OPTIMIZE|VACUUM|RESTORE|GRANT|REVOKE|ATTACH|DETACH|INSTALL|LOAD|SET|USE|CALL|EXPORT|IMPORT)\b/i;

/** The statement without comments and string literals (their contents may say anything). */
export function stripLiteralsAndComments(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

export function assertReadOnly(sql: string): void {
  const code = stripLiteralsAndComments(sql).trim().replace(/;\s*$/, "");
  if (code === "") throw new ReadOnlyStatementError(sql, "empty statement");
  if (code.includes(";")) throw new ReadOnlyStatementError(sql, "more than one statement");
  const first = /^\(*\s*(\w+)/.exec(code)?.[1]?.toUpperCase();
  if (first !== "SELECT" && first !== "WITH") {
    throw new ReadOnlyStatementError(sql, `starts with ${first ?? "nothing"}, not SELECT or WITH`);
  }
  const write = WRITE_KEYWORDS.exec(code);
  if (write) throw new ReadOnlyStatementError(sql, `contains ${write[1]?.toUpperCase()}`);
}
