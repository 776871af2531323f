/**
 * Bodies in and out of a node:http handler for fake remotes built on fetch types: readRequestBody() collects what
 * the client sent, writeResponse() sends a fetch Response (status, status text, every header, the body bytes).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** The request body as bytes (empty for a request without one). */
export async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes `response` to `res` and ends it. Repeated headers (set-cookie) are kept, each as its own line. */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    res.appendHeader(name, value);
  });
  res.end(Buffer.from(await response.arrayBuffer()));
}
