/**
 * The UI smoke's `response_sha256` and sanitized `response_summary` (seed 001: "no raw token, cookie or set-cookie
 * content" — the runbook's evidence was scanned for those markers). The summary keeps the status, the content
 * type, the body size, the page title and a redirect's path; cookie and token values never enter it, and the
 * header list names set-cookie without its value.
 */
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { redactText } from "../redact.ts";

export function sha256Hex(body: Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

const TOKENISH = /([?&;](?:token|code|state|csrf[^=]*|session[^=]*|callbackUrl|access_token|id_token)=)[^&#\s]*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** A URL or text with query tokens and JWTs blanked, then the harness redaction on top. */
export function scrub(text: string): string {
  return redactText(text.replace(TOKENISH, "$1[REDACTED]").replace(JWT, "[REDACTED]"));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function responseSummary(status: number, headers: IncomingHttpHeaders, body: Buffer): string {
  const parts = [`HTTP ${status}`];
  const type = header(headers, "content-type");
  if (type) parts.push(type.split(";")[0] ?? type);
  parts.push(`${body.length} bytes`);
  const location = header(headers, "location");
  if (location) {
    const url = new URL(location, "http://langfuse.invalid");
    parts.push(`location ${scrub(url.pathname)}`);
  }
  const title = /<title[^>]*>([^<]{0,120})<\/title>/i.exec(body.toString("utf8"))?.[1]?.trim();
  if (title) parts.push(`title "${scrub(title)}"`);
  const names = Object.keys(headers).sort();
  if (names.length > 0) parts.push(`headers: ${names.join(",")}`);
  return parts.join("; ");
}
