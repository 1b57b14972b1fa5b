// Panel side of JWT issuance: keyset history (no OFFSET), filters, per-day counts in the partner's zone, CSV export.
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { sha256Hex } from "@/lib/crypto/hash";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { dailyCounts, listTransactions } from "@/lib/tokens/transactions";
import { rebuildUsage } from "@/lib/usage/rollup";
import { createPartner } from "../support/factories";
import { api } from "../support/http";
import { signInWithPassword } from "../support/sign-in";

async function seedRows(
  partnerId: string,
  rows: Array<{ xid: string; issuedAt: Date; phone?: string; status?: "issued" | "verified"; expiresAt?: Date }>,
) {
  await getDb().transaction.createMany({
    data: rows.map((row) => ({
      id: createId("txn"),
      partnerId,
      xid: row.xid,
      phoneNumber: row.phone ?? "+14155552671",
      tokenHash: sha256Hex(randomUUID()),
      issuedAt: row.issuedAt,
      expiresAt: row.expiresAt ?? new Date(row.issuedAt.getTime() + 80_000),
      status: row.status ?? "issued",
      verifiedAt: row.status === "verified" ? row.issuedAt : null,
    })),
  });
}

describe("transaction history (lib/tokens, on the run's database)", () => {
  it("pages with a keyset cursor through ties on issuedAt, newest first, without repeats or gaps", async () => {
    const partner = await createPartner();
    const base = Date.now() - 3_600_000;
    // 3 rows share each timestamp: the id breaks ties.
    await seedRows(
      partner.partnerId,
      Array.from({ length: 120 }, (_, i) => ({ xid: `p-${i}`, issuedAt: new Date(base + Math.floor(i / 3) * 1000) })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let previous: { issued: string; xid: string } | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listTransactions({
        partnerId: partner.partnerId,
        timeZone: "UTC",
        filters: { cursor },
        pageSize: 50,
      });
      for (const row of page.rows) {
        if (previous) expect(row.issued_at <= previous.issued).toBe(true);
        previous = { issued: row.issued_at, xid: row.xid };
        seen.push(row.xid);
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it("filters by XID, phone number, status and date range (in the partner's zone)", async () => {
    const partner = await createPartner({ timeZone: "Europe/Paris" });
    const now = Date.now();
    await seedRows(partner.partnerId, [
      { xid: "f-live", issuedAt: new Date(now - 1000), expiresAt: new Date(now + 60_000) },
      { xid: "f-old", issuedAt: new Date(now - 3_600_000) },
      { xid: "f-ver", issuedAt: new Date(now - 7_200_000), status: "verified", phone: "+447911123456" },
      // 2026-01-14 23:30 UTC is 2026-01-15 00:30 in Paris.
      { xid: "f-paris", issuedAt: new Date("2026-01-14T23:30:00Z") },
    ]);
    const list = async (filters: Record<string, string>) =>
      (await listTransactions({ partnerId: partner.partnerId, timeZone: "Europe/Paris", filters })).rows.map(
        (row) => row.xid,
      );
    expect(await list({ q: "f-old" })).toEqual(["f-old"]);
    expect(await list({ q: "+44 7911 123456" })).toEqual(["f-ver"]);
    expect(await list({ status: "verified" })).toEqual(["f-ver"]);
    expect(await list({ status: "issued" })).toEqual(["f-live"]);
    expect((await list({ status: "expired" })).sort()).toEqual(["f-old", "f-paris"]);
    expect(await list({ from: "2026-01-15", to: "2026-01-15" })).toEqual(["f-paris"]);
    expect(await list({ from: "2026-01-14", to: "2026-01-14" })).toEqual([]);
    expect(await list({ q: "no such thing!" })).toEqual([]);

    // Backdated rows: a rollup pass never looks that far back again, so rebuild those days as an import would.
    await rebuildUsage({
      from: new Date("2026-01-13T00:00:00Z"),
      to: new Date("2026-01-17T00:00:00Z"),
      metrics: ["transactions.issued", "transactions.verified"],
    });
    const daily = await dailyCounts({
      partnerId: partner.partnerId,
      timeZone: "Europe/Paris",
      from: "2026-01-14",
      to: "2026-01-16",
    });
    expect(daily).toEqual([
      { day: "2026-01-14", issued: 0, verified: 0 },
      { day: "2026-01-15", issued: 1, verified: 0 },
      { day: "2026-01-16", issued: 0, verified: 0 },
    ]);
  });
});

describe("panel pages and CSV export (signed in)", () => {
  it("lists, searches and exports the partner's own transactions only", async () => {
    const partner = await createPartner();
    const other = await createPartner();
    for (const xid of ["csv-1", "csv-2"])
      expect((await api(`/api/v1/token/%2B14155552671/${xid}`, { token: partner.apiToken })).status).toBe(200);
    expect((await api("/api/v1/token/%2B14155552671/csv-foreign", { token: other.apiToken })).status).toBe(200);
    const { sessionCookie } = await signInWithPassword({ email: partner.email, password: partner.password });
    expect(sessionCookie).toBeTruthy();
    const headers = { cookie: sessionCookie as string };
    const baseUrl = inject("baseUrl");

    const page = await fetch(`${baseUrl}/dashboard/transactions?q=csv-2`, { headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("csv-2");
    expect(html).not.toContain("csv-1");

    const csv = await fetch(`${baseUrl}/dashboard/transactions/export`, { headers });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("xid,phone_number,status,issued_at,expires_at,verified_at");
    expect(
      lines
        .slice(1)
        .map((line) => line.split(",")[0])
        .sort(),
    ).toEqual(["csv-1", "csv-2"]);
    expect(lines[1]).toMatch(/^csv-\d,\+14155552671,issued,\d{4}-\d\d-\d\dT[^,]+Z,[^,]+Z,$/);

    const signingKey = await fetch(`${baseUrl}/dashboard/signing-key`, { headers });
    expect(signingKey.status).toBe(200);
    expect(await signingKey.text()).toContain("Signing key");

    const signedOut = await fetch(`${baseUrl}/dashboard/transactions/export?q=csv`, { redirect: "manual" });
    expect(signedOut.status).toBe(307);
    expect(signedOut.headers.get("location")).toContain(
      `/sign-in?callbackUrl=${encodeURIComponent("/dashboard/transactions/export?q=csv")}`,
    );
  });
});
