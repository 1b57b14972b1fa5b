import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedemptionClient, readServicesToken, stripServicesToken } from "../src/redemption.ts";

// A stand-in Portico answering as the seed and the contract say.
let server: http.Server;
let baseUrl: string;
const seen: { path: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", authorization: req.headers.authorization });
    const token = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.headers.authorization !== "Bearer ptk_good")
      return json(401, { success: false, message: "Invalid API token." });
    if (token === "good")
      return json(200, { internal_email_address: "ada@example.test", session_expires_at: "2026-03-30T00:00:00+02:00" });
    if (token === "legacy") return json(200, { internal_email_address: "ada@example.test" });
    if (token === "used")
      return json(410, { success: false, message: "This one-time login token has already been used." });
    if (token === "html") return res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
    return json(404, { success: false, message: "Unknown one-time login token." });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("redemption client (seed 004)", () => {
  it("returns the email and Portico's end of session, sending the API token as a bearer", async () => {
    const client = createRedemptionClient({ baseUrl, apiToken: "ptk_good" });
    const result = await client.redeem("good");
    expect(result).toEqual({ ok: true, email: "ada@example.test", sessionExpiresAt: new Date("2026-03-29T22:00:00Z") });
    expect(seen.at(-1)).toEqual({ path: "/api/authorization/good", authorization: "Bearer ptk_good" });
  });

  it("tolerates a Portico without session_expires_at (the seed's original body)", async () => {
    const result = await createRedemptionClient({ baseUrl, apiToken: "ptk_good" }).redeem("legacy");
    expect(result).toEqual({ ok: true, email: "ada@example.test", sessionExpiresAt: null });
  });

  it.each([
    ["used", "ptk_good", 410, "already been used"],
    ["nope", "ptk_good", 404, "Unknown"],
    ["good", "ptk_bad", 401, "Invalid API token"],
    ["html", "ptk_good", 502, "Unexpected answer"],
  ])("token %s with %s → failure %i carrying the seed's message", async (token, apiToken, status, message) => {
    const result = await createRedemptionClient({ baseUrl, apiToken }).redeem(token);
    expect(result).toMatchObject({ ok: false, status });
    expect(result.ok ? "" : result.message).toContain(message);
  });

  it("reports an unreachable Portico instead of throwing", async () => {
    const result = await createRedemptionClient({
      baseUrl: "http://127.0.0.1:9",
      apiToken: "ptk_good",
      timeoutMs: 2000,
    }).redeem("good");
    expect(result).toMatchObject({ ok: false, status: 0 });
  });

  it("escapes the token in the path", async () => {
    await createRedemptionClient({ baseUrl, apiToken: "ptk_good" }).redeem("a/../b?c");
    expect(seen.at(-1)?.path).toBe("/api/authorization/a%2F..%2Fb%3Fc");
  });

  it("reads and strips ?services= from a request URL", () => {
    expect(readServicesToken("/app?v=3&services=abc")).toBe("abc");
    expect(readServicesToken("/app?v=3")).toBeNull();
    expect(stripServicesToken("/app?v=3&services=abc#top")).toBe("/app?v=3#top");
  });
});
