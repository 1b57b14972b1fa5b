import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { computeNextCheckAt } from "@/lib/jobs/scheduler";
import { buildPorticoAuthorizeAnswer, signServiceTimestamp, verifyAuthorizeAnswer } from "@/lib/services/authorize";
import { buildAuthorizeUrl, decideServiceState } from "@/lib/services/checks";

// Independent of lib/: the seed's formula, written out again.
const seedSignature = (serviceId: string, secret: string, timestamp: number) =>
  createHmac("sha256", secret).update(`${serviceId}${timestamp}`).digest("base64");

describe("Portico's own /authorize answer", () => {
  it("is signed with PORTICO_SERVICE_ID/SECRET as the seed computes it", () => {
    const now = new Date("2026-11-25T12:00:00.750Z");
    const answer = buildPorticoAuthorizeAnswer(now);
    const { porticoServiceId, porticoServiceSecret } = getConfig();
    expect(answer.timestamp).toBe(1795608000);
    expect(answer.service_signature).toBe(seedSignature(porticoServiceId, porticoServiceSecret, 1795608000));
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
  const good = { timestamp, service_signature: seedSignature("svc-1", "s3cret", timestamp), version: "abc" };

  it("accepts a fresh, correctly signed answer, and ±300 s of skew", () => {
    expect(verifyAuthorizeAnswer(good, options)).toEqual({ ok: true, version: "abc" });
    for (const skew of [-300, 300]) {
      const at = timestamp + skew;
      const answer = { ...good, timestamp: at, service_signature: seedSignature("svc-1", "s3cret", at) };
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
      { ...good, timestamp: timestamp - 301, service_signature: seedSignature("svc-1", "s3cret", timestamp - 301) },
      /stale timestamp: 301 s behind/,
    ],
    [
      "future",
      { ...good, timestamp: timestamp + 301, service_signature: seedSignature("svc-1", "s3cret", timestamp + 301) },
      /301 s ahead/,
    ],
    ["wrong secret", { ...good, service_signature: seedSignature("svc-1", "other", timestamp) }, /does not match/],
    [
      "other service's signature",
      { ...good, service_signature: seedSignature("svc-2", "s3cret", timestamp) },
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
