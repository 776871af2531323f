/**
 * Exec and port-forward as a recording keeps them: a 101 upgrade (v4.channel.k8s.io) whose channel messages sit in
 * `_webSocketMessages` — what the command wrote and the V1Status at its end, or the bytes of one HTTP exchange
 * through the tunnel after the port prefixes the server sends first.
 */
import type { Entry } from "har-format";
import { harEntry } from "../../replay/har-builder.ts";
import {
  CHANNEL_PROTOCOL,
  type ChannelMessage,
  EXEC_STATUS,
  EXEC_STDERR,
  EXEC_STDOUT,
  PORT_FORWARD_DATA,
  PORT_FORWARD_ERROR,
  portPrefix,
  toHarMessage,
} from "../channel-frames.ts";
import { type ParsedHttpRequest, serializeHttpRequest, serializeHttpResponse } from "../http-bytes.ts";
import { RECORDED_SERVER } from "./recorded-server.ts";

export interface TunnelResponseInit {
  status: number;
  statusText: string;
  headers: Array<{ name: string; value: string }>;
  body: string;
}

export interface ExecResult {
  stdout?: string;
  stderr?: string;
  exitCode: number;
}

function upgradeEntry(started: Date, comment: string, url: URL, messages: ChannelMessage[], timeMs: number): Entry {
  const entry = harEntry({
    started,
    timeMs,
    method: "GET",
    url: url.toString(),
    requestHeaders: [
      { name: "connection", value: "Upgrade" },
      { name: "upgrade", value: "websocket" },
      {
        name: "sec-websocket-protocol",
        value: "v5.channel.k8s.io, v4.channel.k8s.io, v3.channel.k8s.io, v2.channel.k8s.io, channel.k8s.io",
      },
      { name: "sec-websocket-version", value: "13" },
    ],
    status: 101,
    statusText: "Switching Protocols",
    responseHeaders: [
      { name: "connection", value: "Upgrade" },
      { name: "upgrade", value: "websocket" },
      { name: "sec-websocket-protocol", value: CHANNEL_PROTOCOL },
    ],
    mimeType: "x-unknown",
    text: "",
  });
  entry._webSocketMessages = messages.map(toHarMessage);
  entry.comment = comment;
  return entry;
}

/** The V1Status an exec ends with, as kube-apiserver sends it on the status channel. */
function execStatus(command: string[], exitCode: number) {
  if (exitCode === 0) return { metadata: {}, status: "Success" };
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${exitCode}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(exitCode) }] },
  };
}

export function execEntry(
  started: Date,
  at: { namespace: string; pod: string; container: string; command: string[] },
  result: ExecResult,
): Entry {
  const url = new URL(`${RECORDED_SERVER}/api/v1/namespaces/${at.namespace}/pods/${at.pod}/exec`);
  for (const c of at.command) url.searchParams.append("command", c);
  url.searchParams.set("container", at.container);
  url.searchParams.set("stderr", "true");
  url.searchParams.set("stdout", "true");
  const t = started.getTime() / 1000;
  const messages: ChannelMessage[] = [];
  if (result.stdout)
    messages.push({ type: "receive", time: t + 0.05, channel: EXEC_STDOUT, payload: Buffer.from(result.stdout) });
  if (result.stderr)
    messages.push({ type: "receive", time: t + 0.05, channel: EXEC_STDERR, payload: Buffer.from(result.stderr) });
  const status = execStatus(at.command, result.exitCode);
  messages.push({
    type: "receive",
    time: t + 0.06,
    channel: EXEC_STATUS,
    payload: Buffer.from(JSON.stringify(status)),
  });
  return upgradeEntry(started, `exec ${at.pod}`, url, messages, 85);
}

export function portForwardEntry(
  started: Date,
  at: { namespace: string; pod: string; port: number },
  request: ParsedHttpRequest,
  response: TunnelResponseInit,
  timeMs: number,
): Entry {
  const url = new URL(`${RECORDED_SERVER}/api/v1/namespaces/${at.namespace}/pods/${at.pod}/portforward`);
  url.searchParams.set("ports", String(at.port));
  const t = started.getTime() / 1000;
  const messages: ChannelMessage[] = [
    { type: "receive", time: t, channel: PORT_FORWARD_DATA, payload: portPrefix(at.port) },
    { type: "receive", time: t, channel: PORT_FORWARD_ERROR, payload: portPrefix(at.port) },
    { type: "send", time: t + 0.001, channel: PORT_FORWARD_DATA, payload: serializeHttpRequest(request) },
    {
      type: "receive",
      time: t + timeMs / 1000,
      channel: PORT_FORWARD_DATA,
      payload: serializeHttpResponse({ ...response, body: Buffer.from(response.body, "utf8") }),
    },
  ];
  return upgradeEntry(started, `port-forward ${at.pod}:${at.port}`, url, messages, timeMs);
}
