import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { toErrorResponse } from "@/lib/errors";

// The shapes seen when PostgreSQL sessions are terminated under load (tests/faults/database-cut.test.ts).
const terminatedByAdmin = {
  code: "57P01",
  severity: "FATAL",
  message: "terminating connection due to administrator command",
};
const driverAdapterError = Object.assign(new Error("terminating connection due to administrator command"), {
  cause: { kind: "postgres", code: "57P01", originalCode: "57P01" },
});
const rawQueryFailed = Object.assign(new Error("Raw query failed. Code: `57P01`."), {
  code: "P2010",
  meta: { driverAdapterError },
});

describe("isDatabaseUnavailable", () => {
  it.each([
    ["node-postgres' own error", terminatedByAdmin],
    ["Prisma's DriverAdapterError", driverAdapterError],
    ["a raw query's P2010", rawQueryFailed],
    ["a connection exception (class 08)", { code: "08006" }],
    ["a closed connection", new Error("Connection terminated unexpectedly")],
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["Prisma's unreachable database", { code: "P1001" }],
  ])("recognises %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", { code: "P2002" }],
    ["a syntax error", { code: "42601" }],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", undefined],
  ])("leaves %s alone", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("is answered as a 503 JSON error with Retry-After", async () => {
    const response = toErrorResponse(rawQueryFailed);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toMatchObject({ error: "service_unavailable", message: expect.any(String) });
  });
});
