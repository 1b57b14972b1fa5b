// The usage rollup (lib/usage): the counts the charts and rates read are the raw rows' counts — before any rollup, after
// one, with rows newer than the last one, after rows change within their settle time — on a database of the test's own
// (no server's rollup runs on it, so each pass here is the only one).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getConfig, overrideConfig } from "@/lib/config";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { getLoginStatistics } from "@/lib/login/statistics";
import { formatLocalDate } from "@/lib/login/time-zone";
import { dailyCounts } from "@/lib/tokens/transactions";
import { countUsageInRange } from "@/lib/usage/read";
import { rebuildUsage, rollUpUsage } from "@/lib/usage/rollup";
import { createMonitoredServiceRow, createPartner } from "../support/factories";
import { runOnPrivateDatabase } from "../support/private-database";

const MINUTE = 60_000;
const DAY = 86_400_000;
runOnPrivateDatabase("usage");

async function issue(partnerId: string, issuedAt: Date, verified = false) {
  await getDb().transaction.create({
    data: {
      id: createId("txn"),
      partnerId,
      xid: randomUUID(),
      phoneNumber: "+33612345678",
      tokenHash: randomUUID(),
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + 90_000),
      status: verified ? "verified" : "issued",
      verifiedAt: verified ? issuedAt : null,
    },
  });
}

describe("usage counts", () => {
  it("equal the raw rows per local day before a rollup, after one, and with rows newer than the last one", async () => {
    const { partnerId } = await createPartner({ timeZone: "Asia/Kathmandu" }); // UTC+05:45
    const other = await createPartner();
    const now = Date.now();
    // Two months back and the last days, either side of local midnights: a long stretch without rows in between.
    const times = [60 * DAY, 3 * DAY + 7 * MINUTE, 2 * DAY, 2 * DAY - 3 * MINUTE, DAY + 90 * MINUTE, 3 * MINUTE].map(
      (ago) => new Date(now - ago),
    );
    for (const [index, at] of times.entries()) await issue(partnerId, at, index % 2 === 0);
    await issue(other.partnerId, new Date(now - 2 * DAY));
    const window = { partnerId, timeZone: "Asia/Kathmandu", maxDays: 31 };
    const before = await dailyCounts({ ...window, from: "2020-01-01" });

    const written = await rollUpUsage({ now: new Date(now) });

    expect(written["transactions.issued"]).toBeGreaterThan(0);
    expect(
      await getDb().usageBucket.count({ where: { metric: "transactions.issued", subjectId: partnerId } }),
    ).toBeGreaterThan(3);
    const after = await dailyCounts({ ...window, from: "2020-01-01" });
    expect(after).toEqual(before);
    expect(after.reduce((sum, day) => sum + day.issued, 0)).toBe(5); // the one 60 days back is outside 31 days
    // Rows newer than the rollup are read raw.
    await issue(partnerId, new Date(now), true);
    const today = after.at(-1);
    expect((await dailyCounts({ ...window, from: "2020-01-01" })).at(-1)).toEqual({
      day: today?.day,
      issued: (today?.issued ?? 0) + 1,
      verified: (today?.verified ?? 0) + 1,
    });
    // A second pass over the same rows writes nothing.
    expect((await rollUpUsage({ now: new Date(now) }))["transactions.issued"]).toBe(0);
  });

  it("count quarter hours denser than one read in the database, and resume after a read cut short", async () => {
    const { partnerId } = await createPartner();
    const quarter = 15 * MINUTE;
    const start = Math.floor((Date.now() - DAY) / quarter) * quarter;
    // Reads of 10 rows: 25 rows in one quarter hour (counted by the database), then 4 and 7 in the next two (a read
    // that ends inside the third is cut back to the whole quarter hours before it).
    const plan = [
      [0, 25],
      [1, 4],
      [2, 7],
    ] as const;
    for (const [index, count] of plan) {
      for (let i = 0; i < count; i++) await issue(partnerId, new Date(start + index * quarter + i * 1000));
    }
    await rebuildUsage({ from: new Date(start), to: new Date(start + DAY), rowsPerRead: 10 });
    const buckets = await getDb().usageBucket.findMany({
      where: { metric: "transactions.issued", subjectId: partnerId },
      orderBy: { bucketStart: "asc" },
      select: { bucketStart: true, count: true },
    });
    expect(buckets.map((bucket) => [bucket.bucketStart.getTime(), bucket.count])).toEqual(
      plan.map(([index, count]) => [start + index * quarter, count]),
    );
  });

  it("recounts a delivery that finishes within its retries after the quarter hour was rolled up", async () => {
    // The production schedule (the test run's retries are a second apart): a delivery may finish ~28 hours later.
    overrideConfig({ webhooks: { ...getConfig().webhooks, retryScheduleSeconds: [5, 300, 1800, 7200, 18000, 36000] } });
    const { partnerId } = await createPartner();
    const endpointId = createId("whe");
    await getDb().webhookEndpoint.create({
      data: { id: endpointId, partnerId, url: "https://hooks.example.test/", secretCiphertext: "x" },
    });
    const createdAt = new Date(Date.now() - 2 * 3600_000);
    const eventId = createId("evt");
    await getDb().event.create({ data: { id: eventId, partnerId, type: "webhook.test", data: "{}", createdAt } });
    const deliveryId = createId("dlv");
    await getDb().webhookDelivery.create({
      data: { id: deliveryId, endpointId, eventId, eventType: "webhook.test", status: "pending", createdAt },
    });
    const range = { from: new Date(Date.now() - DAY), to: new Date() };
    const count = async () =>
      Promise.all(
        (["deliveries.succeeded", "deliveries.failed"] as const).map((metric) =>
          countUsageInRange({ metric, subjectId: endpointId, range }),
        ),
      );
    await rollUpUsage();
    expect(await count()).toEqual([0, 0]);

    await getDb().webhookDelivery.update({ where: { id: deliveryId }, data: { status: "failed" } });
    await rollUpUsage();

    expect(await count()).toEqual([0, 1]);
  });

  it("counts backdated one-time logins on the partner's local day once a rebuild recounts their days", async () => {
    const partner = await createPartner({ timeZone: "Pacific/Chatham" }); // UTC+12:45 or +13:45
    const service = await createMonitoredServiceRow({
      partnerId: partner.partnerId,
      url: "http://127.0.0.1:9/app",
      serviceId: randomUUID(),
      secret: randomUUID(),
    });
    const now = new Date();
    const launch = async (createdAt: Date, redeemed: boolean) =>
      getDb().loginToken.create({
        data: {
          id: createId("lgn"),
          tokenHash: randomUUID(),
          userId: partner.userId,
          serviceId: service.id,
          partnerId: partner.partnerId,
          createdAt,
          expiresAt: new Date(createdAt.getTime() + 120_000),
          redeemedAt: redeemed ? new Date(createdAt.getTime() + 5_000) : null,
        },
      });
    for (const ago of [5 * DAY, 5 * DAY + 10 * MINUTE, 2 * DAY, 30 * MINUTE])
      await launch(new Date(now.getTime() - ago), true);
    await launch(new Date(now.getTime() - 3 * DAY), false);
    // Backdated rows (this test writes history after earlier passes): a pass never looks that far back again, so the
    // stored counts miss them until a rebuild recounts those days from the raw rows.
    const options = { partnerId: partner.partnerId, timeZone: "Pacific/Chatham", days: 7, now };
    expect((await getLoginStatistics(options)).totals).toEqual({ launches: 0, redemptions: 0 });

    await rebuildUsage({ from: new Date(now.getTime() - 8 * DAY), to: now });

    const stats = await getLoginStatistics(options);
    expect(stats.totals).toEqual({ launches: 5, redemptions: 4 });
    const launchesOn = new Map<string, number>();
    for (const row of await getDb().loginToken.findMany({ where: { partnerId: partner.partnerId } })) {
      const day = formatLocalDate(row.createdAt, "Pacific/Chatham");
      launchesOn.set(day, (launchesOn.get(day) ?? 0) + 1);
    }
    for (const row of stats.daily) expect(row.launches, row.day).toBe(launchesOn.get(row.day) ?? 0);
  });
});
