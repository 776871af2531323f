/**
 * What must never be in a K8s recording: a Secret with a non-blank value (`data`/`stringData`, its `kubectl apply`
 * last-applied-configuration annotation, also inside lists —
 * SecretList items carry no `kind` — and watch events), or a credential in a header or in the bytes that crossed a
 * port-forward tunnel (Authorization values other than "[REDACTED]", Basic/Bearer tokens, LangFuse key shapes). Returns the problems, each naming the
 * entry; an empty list means the recording is fit to commit.
 */
import type { Entry, Har } from "har-format";
import { REDACTED } from "../redact.ts";
import { channelMessages } from "./channel-frames.ts";
import { LAST_APPLIED } from "./recording-redaction.ts";

const CREDENTIAL_SHAPES: ReadonlyArray<RegExp> = [
  /\b(Bearer|Basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{8,}/,
  /\b(sk|pk)-lf-[0-9a-f-]{8,}/,
  // The dummy values cluster:up puts in the target's external Secrets (helpers/control-plane/seed-target.ts).
  /smokebook-dummy-[0-9a-f]{24}/,
  /^authorization:[ \t]*(?!\[REDACTED\])\S/im,
];

/** `isSecret`: an item of a SecretList, which the API server sends without `kind`. */
function secretsIn(value: unknown, found: string[], where: string, isSecret = false): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) secretsIn(v, found, `${where}[${i}]`);
    return;
  }
  if (!value || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  if (isSecret || record.kind === "Secret") {
    for (const field of ["data", "stringData"]) {
      const values = (record[field] ?? {}) as Record<string, unknown>;
      for (const [key, v] of Object.entries(values))
        if (v !== "")
          found.push(
            `${where}: Secret ${String((record.metadata as { name?: string })?.name)} ${field}.${key} is not blank`,
          );
    }
    const metadata = record.metadata as { name?: string; annotations?: Record<string, unknown> } | undefined;
    const applied = metadata?.annotations?.[LAST_APPLIED];
    if (typeof applied === "string" && applied !== "")
      found.push(
        `${where}: Secret ${String(metadata?.name)} annotation ${LAST_APPLIED} (the applied values) is not blank`,
      );
  }
  for (const [key, v] of Object.entries(record)) {
    if (key === "items" && record.kind === "SecretList" && Array.isArray(v)) {
      for (const [i, item] of v.entries()) secretsIn(item, found, `${where}.items[${i}]`, true);
    } else if (typeof v === "object") secretsIn(v, found, `${where}.${key}`);
  }
}

function bodies(entry: Entry): string[] {
  const text = entry.response.content.text ?? "";
  const decoded = entry.response.content.encoding === "base64" ? Buffer.from(text, "base64").toString("utf8") : text;
  return decoded.split("\n").filter((line) => line.trim() !== "");
}

export function recordingProblems(har: Har): string[] {
  const problems: string[] = [];
  har.log.entries.forEach((entry, index) => {
    const at = `entry #${index} ${entry.request.method} ${new URL(entry.request.url).pathname}`;
    for (const body of bodies(entry)) {
      try {
        secretsIn(JSON.parse(body) as unknown, problems, at);
      } catch {
        // not JSON (logs, HTML): only the credential shapes below apply
      }
    }
    const headers = [...entry.request.headers, ...entry.response.headers];
    for (const h of headers) {
      if (
        ["authorization", "cookie", "set-cookie", "proxy-authorization"].includes(h.name.toLowerCase()) &&
        h.value !== REDACTED
      ) {
        problems.push(`${at}: header ${h.name} is recorded`);
      }
    }
    const texts = [
      ...bodies(entry),
      entry.request.postData?.text ?? "",
      ...channelMessages(entry).map((m) => m.payload.toString("latin1")),
    ];
    for (const text of texts) {
      const shape = CREDENTIAL_SHAPES.find((re) => re.test(text));
      if (shape) problems.push(`${at}: a credential (${shape.source.slice(0, 24)}…) is in the recorded bytes`);
    }
  });
  return problems;
}
