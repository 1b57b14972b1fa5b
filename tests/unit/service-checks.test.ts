import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto/encryption";
import type { ClaimedService } from "@/lib/jobs/leases";
import { computeNextCheckAt, startScheduler } from "@/lib/jobs/scheduler";
import { buildPorticoAuthorizeAnswer, signServiceTimestamp, verifyAuthorizeAnswer } from "@/lib/services/authorize";
import type { CheckToRecord } from "@/lib/services/check-recorder";
import { buildAuthorizeUrl, type CheckResult, decideServiceState } from "@/lib/services/checks";

// The scheduler's loop without a database or network: leases, writes and probes are stand-ins it is driven through.
const fakes = vi.hoisted(() => ({
  claimDueServices: vi.fn<(options: { owner: string; limit: number }) => Promise<ClaimedService[]>>(),
  releaseLeases: vi.fn<(options: { owner: string; ids: string[] }) => Promise<void>>(async () => {}),
  recordChecks: vi.fn<(items: CheckToRecord[]) => Promise<(object | null)[]>>(async (items) => items.map(() => ({}))),
  probeService: vi.fn<(options: { serviceId: string }) => Promise<CheckResult>>(),
}));
vi.mock("@/lib/jobs/leases", () => ({ claimDueServices: fakes.claimDueServices, releaseLeases: fakes.releaseLeases }));
vi.mock("@/lib/services/check-recorder", () => ({ recordChecks: fakes.recordChecks }));
vi.mock("@/lib/services/checks", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/services/checks")>()),
  probeService: fakes.probeService,
}));

// Independent of lib/: the contract's formula, written out again.
const expectedSignature = (serviceId: string, secret: string, timestamp: number) =>
  createHmac("sha256", secret).update(`${serviceId}${timestamp}`).digest("base64");

describe("Portico's own /authorize answer", () => {
  it("is signed with PORTICO_SERVICE_ID/SECRET as the contract computes it", () => {
    const now = new Date("2026-11-25T12:00:00.750Z");
    const answer = buildPorticoAuthorizeAnswer(now);
    const { porticoServiceId, porticoServiceSecret } = getConfig();
    expect(answer.timestamp).toBe(1795608000);
    expect(answer.service_signature).toBe(expectedSignature(porticoServiceId, porticoServiceSecret, 1795608000));
    expect(answer.version.length).toBeGreaterThan(0);
    expect(verifyAuthorizeAnswer(answer, { serviceId: porticoServiceId, secret: porticoServiceSecret, now })).toEqual({
      ok: true,
      version: answer.version,
    });
  });

  it("matches a known vector", () => {
    // python3 -c "import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b'secret',b'svc-11700000000',hashlib.sha256).digest()).decode())"
    expect(signServiceTimestamp({ serviceId: "svc-1", secret: "secret", timestamp: 1700000000 })).toBe(
      "XckWivjyUcdvjzMKJQtzhsUhdW/RajuUCKgYLIAy7gI=",
    );
  });
});

describe("verifyAuthorizeAnswer", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const timestamp = Math.floor(now.getTime() / 1000);
  const options = { serviceId: "svc-1", secret: "s3cret", now };
  const good = { timestamp, service_signature: expectedSignature("svc-1", "s3cret", timestamp), version: "abc" };

  it("accepts a fresh, correctly signed answer, and ±300 s of skew", () => {
    expect(verifyAuthorizeAnswer(good, options)).toEqual({ ok: true, version: "abc" });
    for (const skew of [-300, 300]) {
      const at = timestamp + skew;
      const answer = { ...good, timestamp: at, service_signature: expectedSignature("svc-1", "s3cret", at) };
      expect(verifyAuthorizeAnswer(answer, options).ok).toBe(true);
    }
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", [1], /not a JSON object/],
    ["null", null, /not a JSON object/],
    ["no timestamp", { service_signature: "x", version: "v" }, /missing field: timestamp/],
    ["no version", { timestamp, service_signature: "x" }, /missing field: version/],
    ["fractional timestamp", { ...good, timestamp: timestamp + 0.5 }, /integer/],
    ["string timestamp", { ...good, timestamp: String(timestamp) }, /integer/],
    ["empty version", { ...good, version: "" }, /version must be/],
    ["long version", { ...good, version: "x".repeat(201) }, /version must be/],
    ["numeric version", { ...good, version: 3 }, /version must be/],
    [
      "stale",
      { ...good, timestamp: timestamp - 301, service_signature: expectedSignature("svc-1", "s3cret", timestamp - 301) },
      /stale timestamp: 301 s behind/,
    ],
    [
      "future",
      { ...good, timestamp: timestamp + 301, service_signature: expectedSignature("svc-1", "s3cret", timestamp + 301) },
      /301 s ahead/,
    ],
    ["wrong secret", { ...good, service_signature: expectedSignature("svc-1", "other", timestamp) }, /does not match/],
    [
      "other service's signature",
      { ...good, service_signature: expectedSignature("svc-2", "s3cret", timestamp) },
      /does not match/,
    ],
  ])("refuses %s", (_label, body, error) => {
    const verdict = verifyAuthorizeAnswer(body, options);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? "" : verdict.error).toMatch(error);
  });
});

describe("decideServiceState (debounce)", () => {
  const live = { status: "live", version: "v1", consecutiveFailures: 0, downAfterFailures: 2 };

  it("keeps the status on the first failure and turns down on the Nth", () => {
    const first = decideServiceState(live, { outcome: "down", version: null });
    expect(first).toMatchObject({ status: "live", consecutiveFailures: 1, statusChanged: false });
    const second = decideServiceState({ ...live, consecutiveFailures: 1 }, { outcome: "down", version: null });
    expect(second).toMatchObject({ status: "down", consecutiveFailures: 2, statusChanged: true });
  });

  it("recovers on the first good check, and reports unauthentic at once", () => {
    const down = { ...live, status: "down", consecutiveFailures: 5 };
    expect(decideServiceState(down, { outcome: "live", version: "v1" })).toMatchObject({
      status: "live",
      consecutiveFailures: 0,
      statusChanged: true,
      versionChanged: false,
    });
    expect(decideServiceState(live, { outcome: "unauthentic", version: null })).toMatchObject({
      status: "unauthentic",
      statusChanged: true,
      version: "v1",
    });
  });

  it("takes the version only from a live answer", () => {
    expect(decideServiceState(live, { outcome: "live", version: "v2" })).toMatchObject({
      version: "v2",
      versionChanged: true,
    });
    expect(decideServiceState(live, { outcome: "unauthentic", version: "v2" })).toMatchObject({
      version: "v1",
      versionChanged: false,
    });
  });

  it("downAfterFailures = 1 turns down at once", () => {
    expect(decideServiceState({ ...live, downAfterFailures: 1 }, { outcome: "down", version: null }).status).toBe(
      "down",
    );
  });
});

describe("scheduling helpers", () => {
  it("/authorize lives at the service URL's origin", () => {
    expect(buildAuthorizeUrl("https://app.example.com:8443/deep/path?x=1#f")).toBe(
      "https://app.example.com:8443/authorize",
    );
  });

  it("keeps a fixed cadence from the due time, and skips a backlog longer than one interval", () => {
    const due = new Date("2026-01-01T00:00:00Z");
    expect(computeNextCheckAt(due, 60, new Date("2026-01-01T00:00:02Z")).toISOString()).toBe(
      "2026-01-01T00:01:00.000Z",
    );
    expect(computeNextCheckAt(due, 60, new Date("2026-01-01T00:05:00Z")).toISOString()).toBe(
      "2026-01-01T00:06:00.000Z",
    );
  });
});

describe("the scheduler loop", () => {
  const liveResult = (): CheckResult => ({
    checkedAt: new Date(),
    outcome: "live",
    httpStatus: 200,
    latencyMs: 1,
    version: "v1",
    error: null,
  });
  const secretCiphertext = encryptSecret("secret");
  const makeDue = (count: number): ClaimedService[] =>
    Array.from({ length: count }, (_, i) => ({
      id: `svc_${i}`,
      partnerId: "ptn_1",
      serviceId: `service-${i}`,
      url: `http://127.0.0.1:1/${i}`,
      secretCiphertext,
      checkIntervalSeconds: 60,
      dueAt: new Date(Date.now() - 1000),
    }));
  /** claimDueServices over a list of due rows: each claim takes up to `limit` of them. */
  const claimFrom =
    (due: ClaimedService[]) =>
    async ({ limit }: { limit: number }) =>
      due.splice(0, limit);
  const waitUntil = async (condition: () => boolean) => {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  };

  afterEach(() => vi.clearAllMocks());

  it("claims and records in batches, not one statement per check", async () => {
    fakes.claimDueServices.mockImplementation(claimFrom(makeDue(200)));
    fakes.probeService.mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return liveResult();
    });
    const scheduler = startScheduler({ concurrency: 20, idleMs: 50, log: () => {} });
    await waitUntil(() => scheduler.stats().recorded === 200);
    await scheduler.stop();
    expect(scheduler.stats()).toMatchObject({ started: 200, recorded: 200, failed: 0 });
    // A refill takes at least half the concurrency: ≤ 200 / 10 claims while work is due, plus the empty polls.
    const claimsWhileDue = fakes.claimDueServices.mock.calls.filter(([options]) => options.limit >= 10);
    expect(fakes.claimDueServices.mock.calls.every(([options]) => options.limit >= 10)).toBe(true);
    expect(claimsWhileDue.length).toBeLessThanOrEqual(200 / 10 + 1);
    const written = fakes.recordChecks.mock.calls.map(([items]) => items.length);
    expect(written.reduce((sum, n) => sum + n, 0)).toBe(200);
    expect(Math.max(...written)).toBeGreaterThan(1);
  });

  it("polls every idleMs when nothing is due, not at every finished check", async () => {
    fakes.claimDueServices.mockImplementation(claimFrom(makeDue(20)));
    // Answers trickle in over 200 ms: each one frees a slot, none makes anything new due.
    let answered = 0;
    fakes.probeService.mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10 * ++answered));
      return liveResult();
    });
    const scheduler = startScheduler({ concurrency: 50, idleMs: 200, log: () => {} });
    // The claims made while the 20 answers came in are what counts: one per idleMs at most, not one per answer.
    await waitUntil(() => scheduler.stats().recorded === 20);
    await scheduler.stop();
    expect(fakes.claimDueServices.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it("gives back the leases of claimed checks it never started when stopped", async () => {
    const due = makeDue(10);
    fakes.claimDueServices.mockImplementation(claimFrom(due));
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    fakes.probeService.mockImplementation(async () => {
      await answered;
      return liveResult();
    });
    const scheduler = startScheduler({ concurrency: 2, idleMs: 20, log: () => {} });
    // Two in flight (stuck), then a backlog of two more claimed while waiting for a slot.
    await waitUntil(() => fakes.claimDueServices.mock.calls.length >= 2);
    const stopping = scheduler.stop();
    answer();
    await stopping;
    expect(scheduler.stats()).toMatchObject({ started: 2, recorded: 2 });
    expect(fakes.releaseLeases).toHaveBeenCalledTimes(1);
    expect(fakes.releaseLeases.mock.calls[0]?.[0].ids).toEqual(["svc_2", "svc_3"]);
    expect(due).toHaveLength(6);
  });
});
