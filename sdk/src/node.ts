// node:http (and Express, Fastify's raw req/res…) adapter for the Fetch handlers: one implementation of each endpoint.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { BodyTooLargeError } from "./errors.js";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export async function readRawBody(req: IncomingMessage, maxBytes = 256 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLargeError(`Body larger than ${maxBytes} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** The Fetch `Request` for a node request (body streamed, not buffered; the handler enforces its own size limit). */
export function toFetchRequest(req: IncomingMessage): Request {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const url = new URL(req.url ?? "/", `${encrypted ? "https" : "http"}://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // Required by Node's fetch for a streamed body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a Fetch `Response` to a node response (every Set-Cookie kept). */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/**
 * A node:http / Express handler from a Fetch handler. In Express, mount it before any body parser
 * (`express.json()` would consume the body the webhook signature is computed over).
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response | null>): NodeHandler {
  return async (req, res) => {
    const response = (await handler(toFetchRequest(req))) ?? new Response(null, { status: 404 });
    await sendFetchResponse(res, response);
  };
}
