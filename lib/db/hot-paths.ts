// The provider seam: the hot paths whose SQL is written by hand, one interface with a SQLite and a PostgreSQL
// implementation (lib/db/sqlite, lib/db/postgresql), chosen once when the client is made (lib/db/client). Domain code
// calls these with plain rows and JavaScript Dates; which dialect runs, how times are stored and how a batch becomes
// statements is the implementation's business. tests/unit/db-hot-paths.test.ts is the contract both must meet.
// Why hand-written SQL at all: every Prisma statement costs CPU to compile in proportion to its parameters, and these
// paths run per request or per check; each implementation writes a batch in a constant number of statements.

/** A service row as the check recorder locks it before deciding what a batch of checks changes. */
export interface LockedService {
  id: string;
  partnerId: string;
  serviceId: string;
  url: string;
  status: string;
  version: string | null;
  consecutiveFailures: number;
  downAfterFailures: number;
  leaseOwner: string | null;
}

/** Everything a batch of checks writes, decided from the locked rows (lib/services/check-recorder). */
export interface CheckBatchWrites {
  checks: {
    id: string;
    serviceId: string;
    checkedAt: Date;
    outcome: string;
    httpStatus: number | null;
    latencyMs: number | null;
    version: string | null;
    error: string | null;
  }[];
  services: {
    id: string;
    status: string;
    version: string | null;
    failures: number;
    checkedAt: Date;
    /** Set when the status changed. */
    statusChangedAt: Date | null;
    /** Set by scheduled checks. */
    nextCheckAt: Date | null;
    releaseLease: boolean;
  }[];
  /** Added to the per-day counters (UTC day, YYYY-MM-DD). */
  daily: {
    serviceId: string;
    day: string;
    total: number;
    live: number;
    unauthentic: number;
    down: number;
    latencyMsTotal: number;
  }[];
  versions: { id: string; serviceId: string; version: string; firstSeenAt: Date }[];
  events: EventRow[];
}

/** An outbox row (lib/events/outbox builds them). */
export interface EventRow {
  id: string;
  partnerId: string;
  type: string;
  /** The payload as JSON text, already checked against the event catalog. */
  data: string;
  createdAt: Date;
}

/** A service leased to one scheduler process. */
export interface LeasedService {
  id: string;
  partnerId: string;
  serviceId: string;
  url: string;
  secretCiphertext: string;
  checkIntervalSeconds: number;
  /** When the check was due. */
  dueAt: Date;
}

export interface ClaimedEvent {
  id: string;
  partnerId: string;
  type: string;
}

/** An enabled endpoint of a partner whose events are being fanned out; `events` is its stored JSON filter. */
export interface EndpointFilter {
  id: string;
  partnerId: string;
  events: string;
}

export interface PlannedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
}

/** A leased delivery with everything sending it needs. */
export interface LoadedDelivery {
  id: string;
  attempts: number;
  endpointId: string;
  event: { id: string; type: string; data: string; createdAt: Date };
  endpoint: {
    id: string;
    url: string;
    authType: string;
    authConfigCiphertext: string | null;
    secretCiphertext: string;
    previousSecretCiphertext: string | null;
    previousSecretExpiresAt: Date | null;
    failingSince: Date | null;
  };
}

export interface AttemptRow {
  id: string;
  deliveryId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  /** JSON objects (the Authorization value masked), and the first 4 KiB of the receiver's answer. */
  requestHeaders: string | null;
  responseHeaders: string | null;
  responseBody: string | null;
  responseTruncated: boolean;
}

export interface DeliveryOutcome {
  id: string;
  /** The lease the outcome was sent under: a row another worker has taken over since is left alone. */
  owner: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date;
  lastStatusCode: number | null;
  lastLatencyMs: number;
  lastError: string | null;
  lastResponseExcerpt: string | null;
}

export interface LoginClaim {
  tokenHash: string;
  partnerId: string;
  /** The claim instant: the token must be unexpired then, and it becomes `redeemedAt`. */
  at: Date;
  /** Id of the login.redeemed event written with the claim. */
  eventId: string;
}

export interface TransactionInsert {
  id: string;
  partnerId: string;
  xid: string;
  phoneNumber: string;
  tokenHash: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface RateLimitWindow {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /**
   * A per-request hot path: the store may keep counters in process memory where that is exact (embedded SQLite is
   * one process); where several instances share the database, counters stay in the database.
   */
  hotPath: boolean;
}

/**
 * A rate limiter of the provider's store. Its own result type, not the library's: the database (and the library copy
 * that made its limiters) is created once per process by whichever Next.js bundle starts first, so a caller in another
 * bundle cannot rely on `instanceof` against its own copy of the library's classes.
 */
export interface RateLimiter {
  /** Takes one point for `key`; when the budget is already spent, says how long until it refills. */
  consume(key: string): Promise<{ allowed: true } | { allowed: false; msBeforeNext: number }>;
  reset(key: string): Promise<void>;
  /** Like consume, and says how many points the window holds now (this one included) and when it refills. */
  take(key: string): Promise<{ allowed: boolean; consumedPoints: number; msBeforeNext: number }>;
  /** Gives back `points` taken from `key`'s window. */
  reward(key: string, points: number): Promise<void>;
  /** The window's state without taking a point; null when nothing was taken in it. */
  get(key: string): Promise<{ consumedPoints: number; msBeforeNext: number } | null>;
}

export interface HotPaths {
  // Checks (lib/services/check-recorder, lib/jobs/scheduler)
  /**
   * Locks the services (id order on PostgreSQL, the write lock on SQLite), lets `plan` decide from the locked rows,
   * writes what it returns in the same transaction and returns its result. Ids with no row are absent from `locked`.
   */
  recordCheckBatch<T>(options: {
    serviceIds: string[];
    plan: (locked: Map<string, LockedService>) => { writes: CheckBatchWrites; result: T };
  }): Promise<T>;
  /**
   * Leases up to `limit` services whose check is due at `now` and not leased (or whose lease lapsed), oldest due
   * first, until `leaseUntil`; services created after `createdBefore` and never checked are left alone. Concurrent
   * claimers get disjoint rows.
   */
  claimDueServices(options: {
    owner: string;
    limit: number;
    now: Date;
    leaseUntil: Date;
    createdBefore: Date;
  }): Promise<LeasedService[]>;

  // Webhooks (lib/webhooks)
  /**
   * Marks up to `limit` undispatched events dispatched and inserts the deliveries `plan` returns for them (given the
   * enabled endpoints of their partners), in one commit: each event is fanned out exactly once across workers.
   */
  fanOutEvents(options: {
    limit: number;
    now: Date;
    plan: (events: ClaimedEvent[], endpoints: EndpointFilter[]) => PlannedDelivery[];
  }): Promise<{ events: number; deliveries: number }>;
  /** Leases up to `limit` due pending deliveries of enabled endpoints, oldest due first, with event and endpoint. */
  claimDueDeliveries(options: { owner: string; limit: number; now: Date; leaseUntil: Date }): Promise<LoadedDelivery[]>;
  /**
   * Logs the attempts (skipping those of deliveries deleted meanwhile) and records the outcomes whose lease still
   * holds, releasing it, in one commit; returns the ids recorded.
   */
  recordDeliveryResults(options: {
    attempts: AttemptRow[];
    outcomes: DeliveryOutcome[];
    now: Date;
  }): Promise<Set<string>>;

  // One-time login (lib/login/claim)
  /**
   * Per claim, in one commit for the batch: takes the token if it is still unredeemed, unexpired, the partner's, and
   * the user may still open the service, and writes its login.redeemed event (payload per lib/events/catalog).
   * Returns the user's email per claim, or null when nothing was claimed. A token is claimed at most once.
   */
  claimLoginTokens(claims: LoginClaim[]): Promise<(string | null)[]>;

  // Issuance (lib/tokens/insert-batcher)
  /** Inserts the rows in one transaction, status `issued`; a reused XID fails the whole batch (isUniqueViolation). */
  insertTransactions(rows: TransactionInsert[]): Promise<void>;

  // Rate limits (lib/auth/rate-limit): table "RateLimitCounter" on both providers.
  createRateLimiter(window: RateLimitWindow): RateLimiter;
}
