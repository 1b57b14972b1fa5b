// Malformed input anywhere (lone UTF-16 surrogates, NUL bytes, bad percent-encoding, unknown /api paths) is a 4xx
// JSON error `{error, message}`, never a 5xx, and a refused request stores nothing.
import { describe, expect, it } from "vitest";
import { createPartner } from "../support/factories";
import { api } from "../support/http";

const LONE_SURROGATE = "\ud800";
const NUL = "\u0000";

async function expectJsonError(response: Response, status: number, error?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await response.json();
  expect(body).toMatchObject({ error: error ?? expect.any(String), message: expect.any(String) });
  return body;
}

describe("odd input", () => {
  it.each([
    ["a lone UTF-16 surrogate", `Calendar ${LONE_SURROGATE}`],
    ["a NUL byte", `Calendar${NUL}`],
  ])("POST /api/v1/services – %s in a JSON string → 400 JSON and nothing stored", async (_label, name) => {
    const partner = await createPartner();
    const response = await api("/api/v1/services", {
      token: partner.apiToken,
      json: { name, url: "https://calendar.example.com/" },
    });
    await expectJsonError(response, 400, "invalid_request");
    const list = await (await api("/api/v1/services", { token: partner.apiToken })).json();
    expect(list.data).toEqual([]);
  });

  it.each([
    ["a lone UTF-16 surrogate", `svc${LONE_SURROGATE}`],
    ["a NUL byte", `svc${NUL}`],
  ])("POST /api/v1/certify (no API token) – %s in a JSON string → 400 JSON", async (_label, serviceId) => {
    const response = await api("/api/v1/certify", {
      headers: { authorization: "Bearer device-token" },
      json: { service_id: serviceId },
    });
    await expectJsonError(response, 400, "invalid_request");
  });

  it("a NUL byte in a path segment → 4xx JSON", async () => {
    const partner = await createPartner();
    const response = await api("/api/v1/services/svc_%00", { token: partner.apiToken });
    await expectJsonError(response, 400, "invalid_request");
  });

  it("a NUL byte in a query value → 4xx JSON", async () => {
    const partner = await createPartner();
    const created = await (
      await api("/api/v1/services", { token: partner.apiToken, json: { name: "x", url: "https://a.example/" } })
    ).json();
    const response = await api(`/api/v1/services/${created.id}/checks?cursor=%00`, { token: partner.apiToken });
    await expectJsonError(response, 400, "invalid_request");
  });

  it.each([
    "/api/v1/services/%ff",
    "/api/v1/services/%E0%A4%A",
    "/api/v1/token/%c0%80",
    "/api/v1/services/%zz",
    "/api/v1/services/svc%",
    "/api/v1/token/%2",
  ])("GET %s (bad percent-encoding) → 400 JSON", async (path) => {
    const partner = await createPartner();
    await expectJsonError(await api(path, { token: partner.apiToken }), 400, "invalid_request");
  });

  it("GET /launch/%ED%A0%80 (a page route, an encoded surrogate) → 400 JSON", async () => {
    await expectJsonError(await api("/launch/%ED%A0%80"), 400, "invalid_request");
  });

  it("GET /api/authorization/%ff (the redemption route) → 400 in the contract's failure shape", async () => {
    const partner = await createPartner();
    const response = await api("/api/authorization/%ff", { token: partner.apiToken });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, message: expect.any(String) });
  });

  it("a well-formed percent-encoded path still reaches its route", async () => {
    const partner = await createPartner();
    const created = await (
      await api("/api/v1/services", { token: partner.apiToken, json: { name: "x", url: "https://a.example/" } })
    ).json();
    const encoded = created.id.replace("_", "%5F");
    const response = await api(`/api/v1/services/${encoded}`, { token: partner.apiToken });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: created.id });
  });

  it.each([
    ["GET", "/api/nope"],
    ["GET", "/api/v1/nothing/here"],
    ["POST", "/api/v2/services"],
    ["DELETE", "/api/v1"],
  ])("%s %s (unknown API path) → 404 JSON", async (method, path) => {
    await expectJsonError(await api(path, { method }), 404, "not_found");
  });
});
