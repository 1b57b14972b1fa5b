// A round-robin HTTP load balancer on loopback, a small stand-in for nginx in front of several Portico servers. Each
// request goes to the next upstream in turn. An upstream that refuses the connection (a killed server: nothing was
// sent) passes the request on to the next, as nginx's proxy_next_upstream does; any other failure cuts the client's
// connection, since the request may have reached a server and the client cannot know whether it was applied.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  url: string;
  /** Answers relayed from each upstream, in the order of the ports given. */
  answered: number[];
  close: () => Promise<void>;
}

export async function startRoundRobinProxy(upstreamPorts: number[]): Promise<RoundRobinProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const answered = upstreamPorts.map(() => 0);
  let turn = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => forward(Buffer.concat(chunks), upstreamPorts.length));
    const forward = (body: Buffer, triesLeft: number) => {
      const index = turn++ % upstreamPorts.length;
      const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: upstreamPorts[index],
          method: req.method,
          path: req.url,
          headers: { ...req.headers, "x-forwarded-for": forwardedFor },
          agent,
        },
        (answer) => {
          answered[index] = (answered[index] ?? 0) + 1;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on("error", () => res.destroy());
          answer.pipe(res);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED" && triesLeft > 1) forward(body, triesLeft - 1);
        else res.destroy();
      });
      upstream.end(body);
    };
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
