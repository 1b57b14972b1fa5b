// Next's route handlers and server actions see request headers but not the socket. This hook, installed once per
// server process at start-up (instrumentation.ts), copies each request's socket peer address into a header before
// Next reads the request — overwriting any value the client sent under that name, so it cannot be forged.
import http from "node:http";
import { PEER_ADDRESS_HEADER } from "./request";

const installed = Symbol.for("portico.peerAddressHeader");

export function installPeerAddressHeader(): void {
  const prototype = http.Server.prototype as http.Server & { [installed]?: true };
  if (prototype[installed]) return;
  prototype[installed] = true;
  const emit = prototype.emit;
  prototype.emit = function emitWithPeerAddress(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "unknown";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof prototype.emit;
}
