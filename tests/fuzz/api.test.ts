// `npm run test:fuzz`: property-based requests to every operation in the built app's /api/openapi.json. Invariants:
// never a 5xx; every /api error is the JSON its operation documents
// (the contract's `{error, message}`; the redemption route's `{success: false, message}`); a refused (4xx) request writes nothing.
// Bounded: PORTICO_FUZZ_RUNS requests per operation (default 60) within PORTICO_FUZZ_SECONDS overall (default 100).
// PORTICO_FUZZ_SEED replays a run.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { createPartner } from "../support/factories";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import {
  type FuzzContext,
  type FuzzRequest,
  type JsonSchema,
  listOperations,
  type Operation,
  requestFor,
} from "../support/request-arbitraries";
import { printReport } from "../support/suite-report";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { takeWriteFingerprint } from "../support/write-fingerprint";

const RUNS_PER_OPERATION = Number(process.env.PORTICO_FUZZ_RUNS ?? 60);
const BUDGET_MS = Number(process.env.PORTICO_FUZZ_SECONDS ?? 100) * 1000;
const SEED = process.env.PORTICO_FUZZ_SEED ? Number(process.env.PORTICO_FUZZ_SEED) : Date.now() % 2 ** 31;
const REQUEST_TIMEOUT_MS = 20_000;
const PHONE_NUMBER = "+14155550100";

interface Tally {
  requests: number;
  ok: number;
  refused: number;
  serverErrors: number;
  malformedErrors: number;
  writesOnRefusal: number;
}
const newTally = (): Tally => ({
  requests: 0,
  ok: 0,
  refused: 0,
  serverErrors: 0,
  malformedErrors: 0,
  writesOnRefusal: 0,
});
const byInjection = new Map<string, Tally>();
const byOperation = new Map<string, Tally>();
const violations: string[] = [];

let baseUrl: string;
let partnerServer: PartnerServer;
let receiver: WebhookReceiver;
let operations: Operation[];
let document: { components?: { schemas?: Record<string, JsonSchema> } };

beforeAll(async () => {
  baseUrl = inject("baseUrl");
  partnerServer = await startPartnerServer();
  receiver = await startWebhookReceiver();
  document = await (await fetch(`${baseUrl}/api/openapi.json`)).json();
  operations = listOperations(document as Parameters<typeof listOperations>[0]);
});

afterAll(async () => {
  await partnerServer?.close();
  await receiver?.close();
});

async function apiJson(path: string, token: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.json ? "POST" : "GET"),
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** A partner with one of everything, so ids in paths exist and refusals have something to spare. */
async function createFixture() {
  const partner = await createPartner();
  const revoked = await createApiToken({ partnerId: partner.partnerId, name: "revoked" });
  await revokeApiToken({ partnerId: partner.partnerId, tokenId: revoked.id });
  const appUrl = `${partnerServer.origin}/app`;
  const service = await (
    await apiJson("/api/v1/services", partner.apiToken, {
      json: { name: "Fuzzed", url: appUrl, check_interval_seconds: 86_400 },
    })
  ).json();
  const endpoint = await (
    await apiJson("/api/v1/webhook-endpoints", partner.apiToken, { json: { url: receiver.url } })
  ).json();
  const jwt = await (await apiJson(`/api/v1/token/${encodeURIComponent(PHONE_NUMBER)}`, partner.apiToken)).text();
  const xid = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()).xid as string;
  const test = await (
    await apiJson(`/api/v1/webhook-endpoints/${endpoint.id}/test`, partner.apiToken, { method: "POST" })
  ).json();
  return {
    partner,
    revokedToken: revoked.token,
    service,
    endpoint,
    xid,
    deliveryId: test.delivery_id as string,
    appUrl,
  };
}

function contextFor(fixture: Awaited<ReturnType<typeof createFixture>>): FuzzContext {
  return {
    resolveRef: (ref) => document.components?.schemas?.[ref.replace("#/components/schemas/", "")] ?? {},
    pathValue: (operation, name) => {
      if (name === "id") return operation.path.includes("webhook-endpoints") ? fixture.endpoint.id : fixture.service.id;
      if (name === "phone_number") return PHONE_NUMBER;
      if (name === "xid") return fixture.xid;
      if (name === "deliveryId") return fixture.deliveryId;
      return "x".repeat(43);
    },
    goodUrls: [fixture.appUrl, receiver.url, `${partnerServer.origin}/other?lang=en`],
    apiToken: fixture.partner.apiToken,
    revokedApiToken: fixture.revokedToken,
  };
}

/** Sends one request; returns what broke an invariant, or null. */
async function exercise(request: FuzzRequest, operation: Operation, partnerId: string): Promise<string | null> {
  const operationKey = `${operation.method} ${operation.path}`;
  // Taken right before the request (not carried over from the previous one), so only this request's writes count.
  const before = await takeWriteFingerprint(partnerId);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${baseUrl}${request.url}`, {
      method: request.method,
      headers: request.headers,
      body: request.body instanceof Uint8Array ? Buffer.from(request.body) : request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    return `no answer within ${REQUEST_TIMEOUT_MS} ms (${(error as Error).message})`;
  }
  const tallies = [operationKey, ...request.tags].map((key, index) => {
    const map = index === 0 ? byOperation : byInjection;
    if (!map.has(key)) map.set(key, newTally());
    return map.get(key) as Tally;
  });
  const count = (field: keyof Tally) => {
    for (const tally of tallies) tally[field]++;
  };
  count("requests");
  if (response.status < 400) count("ok");
  else if (response.status < 500) count("refused");
  else count("serverErrors");

  const problems: string[] = [];
  if (response.status >= 500) problems.push(`answered ${response.status}`);
  if (response.status >= 400 && request.url.startsWith("/api/")) {
    let body: { error?: unknown; success?: unknown; message?: unknown } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (
      !/^application\/json/.test(response.headers.get("content-type") ?? "") ||
      typeof body?.message !== "string" ||
      (operation.errorShape === "error" ? typeof body.error !== "string" : body.success !== false)
    ) {
      count("malformedErrors");
      problems.push(`error is not the documented ${operation.errorShape} JSON: ${text.slice(0, 120)}`);
    }
  }
  const after = await takeWriteFingerprint(partnerId);
  if (response.status >= 400 && response.status < 500 && after !== before) {
    count("writesOnRefusal");
    problems.push(`refused with ${response.status} but wrote`);
  }
  return problems.length ? `${problems.join("; ")} — ${text.slice(0, 200)}` : null;
}

function describeRequest(request: FuzzRequest): string {
  const body = typeof request.body === "string" ? request.body.slice(0, 200) : request.body ? "<binary>" : "";
  return `${request.method} ${request.url.slice(0, 200)} ${JSON.stringify(request.headers)} ${body}`;
}

describe("fuzz: every operation of /api/openapi.json", () => {
  it("never answers 5xx, always errors in the contract's JSON, and a refused request writes nothing", async () => {
    expect(operations.length).toBeGreaterThan(20);
    const deadline = Date.now() + BUDGET_MS;
    // One partner with one of everything serves every operation but deletions, which get their own.
    const shared = await createFixture();
    for (const [index, operation] of operations.entries()) {
      // What is left of the budget, shared by the operations still to go (one that finishes early leaves its time).
      const perOperationMs = Math.max(1000, (deadline - Date.now()) / (operations.length - index));
      const key = `${operation.method} ${operation.path}`;
      const fixture = operation.method === "DELETE" ? await createFixture() : shared;
      const context = contextFor(fixture);
      const failures: string[] = [];
      // fast-check's time limit abandons a run mid-request; the next operation waits for it, so a late write of this
      // operation's last request is never counted against the next one's refusals.
      let inFlight: Promise<unknown> = Promise.resolve();
      const details = await fc.check(
        fc.asyncProperty(requestFor(operation, context), async (request) => {
          const exercised = exercise(request, operation, fixture.partner.partnerId);
          inFlight = exercised.catch(() => undefined);
          const problem = await exercised;
          if (problem) failures.push(`${key}: ${problem}\n    request: ${describeRequest(request)}`);
          return problem === null;
        }),
        {
          numRuns: RUNS_PER_OPERATION,
          seed: SEED,
          interruptAfterTimeLimit: perOperationMs,
          markInterruptAsFailure: false,
          endOnFailure: true,
        },
      );
      await inFlight;
      if (details.failed) violations.push(failures[0] ?? `${key}: ${details.errorInstance}`);
    }
    printReport(`fuzz: what was injected (seed ${SEED})`, [
      ...[...byInjection.entries()].sort().map(([injected, tally]) => ({ injected, ...tally })),
    ]);
    printReport(
      "fuzz: per operation",
      [...byOperation.entries()].map(([operation, tally]) => ({ operation, ...tally })),
    );
    const total = [...byOperation.values()].reduce(
      (sum, tally) => ({
        requests: sum.requests + tally.requests,
        lost: sum.lost + tally.serverErrors + tally.malformedErrors + tally.writesOnRefusal,
      }),
      { requests: 0, lost: 0 },
    );
    console.log(`fuzz: ${total.requests} requests, ${total.lost} lost (5xx + malformed errors + writes on refusal)`);
    expect(violations).toEqual([]);
  });
});
