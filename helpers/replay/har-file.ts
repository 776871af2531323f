/**
 * HAR 1.2 files: load (with a shape check that names the file and field), redact, save.
 * Saved recordings never hold credentials: Authorization, Cookie and similar headers are dropped, cookies are
 * emptied, and every other string goes through helpers/redact.ts (registered secrets, env credentials, token shapes).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Entry, Har, Header } from "har-format";
import type { Env } from "../gates.ts";
import { redactValue, SENSITIVE_HEADERS } from "../redact.ts";
import { HarFormatError } from "./errors.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks the parts of HAR 1.2 that replay relies on; throws HarFormatError naming the first bad field. */
export function validateHar(value: unknown, file: string): Har {
  if (!isRecord(value) || !isRecord(value.log)) throw new HarFormatError(file, "missing object", "log");
  const log = value.log;
  if (log.version !== "1.2")
    throw new HarFormatError(file, `expected "1.2", got ${JSON.stringify(log.version)}`, "log.version");
  if (!Array.isArray(log.entries)) throw new HarFormatError(file, "missing array", "log.entries");
  log.entries.forEach((entry: unknown, i: number) => {
    const at = `log.entries[${i}]`;
    if (!isRecord(entry)) throw new HarFormatError(file, "not an object", at);
    const { request, response } = entry;
    if (!isRecord(request) || typeof request.method !== "string")
      throw new HarFormatError(file, "missing", `${at}.request.method`);
    if (typeof request.url !== "string" || !URL.canParse(request.url)) {
      throw new HarFormatError(file, "missing or not an absolute URL", `${at}.request.url`);
    }
    if (!isRecord(response) || typeof response.status !== "number")
      throw new HarFormatError(file, "missing", `${at}.response.status`);
    if (!Array.isArray(response.headers)) throw new HarFormatError(file, "missing array", `${at}.response.headers`);
    if (!isRecord(response.content)) throw new HarFormatError(file, "missing object", `${at}.response.content`);
  });
  return value as unknown as Har;
}

export function loadHar(path: string, shownAs = path): Har {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new HarFormatError(shownAs, "cannot be read", undefined, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HarFormatError(shownAs, `is not JSON (${(error as Error).message})`, undefined, { cause: error });
  }
  return validateHar(parsed, shownAs);
}

function safeHeaders(headers: ReadonlyArray<Header>): Header[] {
  return headers.filter((h) => !SENSITIVE_HEADERS.has(h.name.toLowerCase()));
}

function redactEntry(entry: Entry): Entry {
  return {
    ...entry,
    request: { ...entry.request, headers: safeHeaders(entry.request.headers), cookies: [] },
    response: { ...entry.response, headers: safeHeaders(entry.response.headers), cookies: [] },
  };
}

/** A copy of `har` fit to commit: sensitive headers and cookies removed, every string redacted. */
export function redactHar(har: Har, env: Env = process.env): Har {
  const stripped: Har = { ...har, log: { ...har.log, entries: har.log.entries.map(redactEntry) } };
  return redactValue(stripped, env);
}

/** Writes `har` redacted, pretty-printed, creating folders as needed. */
export function saveHar(path: string, har: Har, env: Env = process.env): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(redactHar(har, env), null, 2)}\n`);
}
