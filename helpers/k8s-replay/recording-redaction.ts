/**
 * Makes a captured K8s recording fit to commit, beyond what helpers/replay's saveHar does for every HAR (sensitive
 * headers dropped, strings redacted): Secret values are blanked wherever a Secret travels (objects, SecretList items,
 * their `kubectl apply` last-applied-configuration annotation,
 * which carry no `kind`, watch events, request bodies), and the bytes inside WebSocket messages — exec output and port-forward tunnels, kept as
 * base64 — have credential headers and known secrets replaced with the redaction marker.
 */
import type { Entry, Har } from "har-format";
import { REDACTED, redactText } from "../redact.ts";
import type { HarWebSocketMessage } from "./channel-frames.ts";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** A Secret: an object of kind Secret, or an item of a SecretList (the API server sends list items without `kind`). */
function blankSecrets(value: unknown, isSecret = false): unknown {
  if (Array.isArray(value)) return value.map((v) => blankSecrets(v));
  if (!value || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    const secretItems = key === "items" && record.kind === "SecretList" && Array.isArray(v);
    out[key] = secretItems ? v.map((item) => blankSecrets(item, true)) : blankSecrets(v);
  }
  if (isSecret || out.kind === "Secret") {
    for (const field of ["data", "stringData"]) {
      const values = out[field];
      if (values && typeof values === "object")
        out[field] = Object.fromEntries(Object.keys(values).map((k) => [k, ""]));
    }
    // `kubectl apply` keeps the whole applied Secret, values included, in this annotation.
    const annotations = (out.metadata as { annotations?: Record<string, string> } | undefined)?.annotations;
    if (annotations && typeof annotations[LAST_APPLIED] === "string") annotations[LAST_APPLIED] = "";
  }
  return out;
}

/** JSON (or newline-delimited JSON, as watches send it) with every Secret value blanked; other text unchanged. */
export function blankSecretsInText(text: string): string {
  const lines = text.split("\n");
  return lines
    .map((line) => {
      if (line.trim() === "") return line;
      try {
        return JSON.stringify(blankSecrets(JSON.parse(line)));
      } catch {
        return line;
      }
    })
    .join("\n");
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key):[^\r\n]*/gim;

/** Tunnelled HTTP headers and any known secret inside one channel message, redacted. */
export function redactChannelPayload(payload: Buffer): Buffer {
  const text = payload.toString("latin1");
  const headersRedacted = text.replace(CREDENTIAL_HEADER, (line) => `${line.split(":")[0]}: ${REDACTED}`);
  const redacted = redactText(headersRedacted);
  return redacted === text ? payload : Buffer.from(redacted, "latin1");
}

function redactMessages(messages: ReadonlyArray<HarWebSocketMessage>): HarWebSocketMessage[] {
  return messages.map((m) => {
    if (m.opcode !== 2) return { ...m, data: redactText(m.data) };
    const bytes = Buffer.from(m.data, "base64");
    const channel = bytes.subarray(0, 1);
    return { ...m, data: Buffer.concat([channel, redactChannelPayload(bytes.subarray(1))]).toString("base64") };
  });
}

function redactEntry(entry: Entry): Entry {
  const out: Entry = structuredClone(entry);
  const content = out.response.content;
  if (content.text !== undefined && content.encoding !== "base64") content.text = blankSecretsInText(content.text);
  if (out.request.postData?.text !== undefined)
    out.request.postData.text = blankSecretsInText(out.request.postData.text);
  if (Array.isArray(out._webSocketMessages))
    out._webSocketMessages = redactMessages(out._webSocketMessages as HarWebSocketMessage[]);
  return out;
}

export function redactK8sRecording(har: Har): Har {
  return { ...har, log: { ...har.log, entries: har.log.entries.map(redactEntry) } };
}
