// A partner endpoint on loopback that misbehaves the way broken servers do, for every path and method: it hangs, trickles
// one byte a second, answers 100 MB, resets the connection, or redirects to itself forever.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Hostility = "hang" | "trickle" | "huge" | "reset" | "redirect-loop";

export interface HostileEndpoint {
  origin: string;
  requests: () => number;
  close: () => Promise<void>;
}

const HUGE_BYTES = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "x");

export async function startHostileEndpoint(hostility: Hostility): Promise<HostileEndpoint> {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    switch (hostility) {
      case "hang":
        return; // headers never come
      case "trickle": {
        res.writeHead(200, { "content-type": "application/json" });
        const timer = setInterval(() => res.write("{"), 1000);
        timers.add(timer);
        res.on("close", () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case "huge": {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(HUGE_BYTES) });
        let sent = 0;
        const pump = () => {
          while (sent < HUGE_BYTES) {
            sent += CHUNK.length;
            if (!res.write(CHUNK)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("close", () => {
          sent = HUGE_BYTES; // the client hung up: stop
        });
        return pump();
      }
      case "reset":
        return req.socket.destroy();
      case "redirect-loop":
        res.writeHead(302, { location: req.url ?? "/" });
        return res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
