// Instant revocation with cheap hot paths. Credential lookups (API tokens, browser sessions) are cached in memory;
// every cached entry remembers the auth generation it was read under and counts only while that is still current.
// A credential change (token revoked, partner reviewed, sessions ended) commits together with a bump of the one
// `AuthGeneration` row, and bumps this process's generation at once: the very next request here reads the database.
// Other instances (and other processes on the same SQLite file) poll the row every POLL_MS; a cache entry is trusted
// only while a poll that started less than TRUST_MS ago confirmed the generation, so a change made anywhere is seen
// everywhere within TRUST_MS (< 1 s) — and if polling fails, caches are bypassed rather than trusted.
// The server processes of one `npm start` (node:cluster workers) hear of a change sooner: before the change's request
// is answered, its process has every sibling bump its generation, through the primary (scripts/lib/serve.mjs).
import cluster from "node:cluster";
import { getDb, type Prisma } from "@/lib/db/client";

const ROW_ID = "auth";
const POLL_MS = 250;
const TRUST_MS = 750;
/** The IPC channel scripts/lib/serve.mjs relays on. */
const SIBLING_CHANNEL = "portico:auth-generation";
/** Longest wait for the siblings; past it the polling above still bounds the delay. */
const SIBLING_TIMEOUT_MS = 1_000;

interface GenerationState {
  /** This process's generation: moves on every local change and every change a poll sees. */
  generation: number;
  /** The row's value at the last poll. */
  seenValue: number | null;
  /** When the last successful poll started (ms). */
  confirmedAt: number;
  timer?: ReturnType<typeof setInterval>;
  polling: boolean;
  /** In a cluster worker: the relays this process waits for, by id, once it listens to its siblings. */
  siblings?: { lastId: number; waiting: Map<number, () => void> };
}

// On globalThis: Next bundles lib/ into several chunks (routes, actions, pages) that must share one state.
const globalForGeneration = globalThis as unknown as { porticoAuthGeneration?: GenerationState };
globalForGeneration.porticoAuthGeneration ??= { generation: 0, seenValue: null, confirmedAt: 0, polling: false };
const state: GenerationState = globalForGeneration.porticoAuthGeneration;

async function poll(): Promise<void> {
  if (state.polling) return;
  state.polling = true;
  const startedAt = Date.now();
  try {
    const row = await getDb().authGeneration.findUnique({ where: { id: ROW_ID }, select: { value: true } });
    const value = row?.value ?? 0;
    if (value !== state.seenValue) {
      state.seenValue = value;
      state.generation += 1;
    }
    state.confirmedAt = Math.max(state.confirmedAt, startedAt);
  } catch {
    // Not confirmed: caches are bypassed until a poll succeeds again.
  } finally {
    state.polling = false;
  }
}

function ensurePolling(): void {
  if (state.timer) return;
  state.timer = setInterval(() => void poll(), POLL_MS);
  state.timer.unref?.();
  void poll();
}

/**
 * The generation a cached credential must carry to be used, or null when caches must not be trusted (no recent
 * confirmation from the database). Synchronous and allocation-free: it runs on every authenticated request.
 */
export function currentAuthGeneration(nowMs = Date.now()): number | null {
  ensurePolling();
  return nowMs - state.confirmedAt < TRUST_MS ? state.generation : null;
}

/**
 * Commits `operation` in one transaction with a bump of the auth generation, then drops this process's cached
 * credentials. `operation` is a Prisma query (not yet awaited) or work on an interactive transaction (for changes
 * that also write audit rows or mail). Every revocation of a credential goes through here.
 */
export async function commitCredentialChange<T>(
  operation: Prisma.PrismaPromise<T> | ((tx: Prisma.TransactionClient) => Promise<T>),
): Promise<T> {
  const db = getDb();
  try {
    if (typeof operation === "function") {
      return await db.$transaction(async (tx) => {
        const result = await operation(tx);
        await tx.authGeneration.update({ where: { id: ROW_ID }, data: { value: { increment: 1 } } });
        return result;
      });
    }
    const bump = db.authGeneration.update({ where: { id: ROW_ID }, data: { value: { increment: 1 } } });
    const [result] = await db.$transaction([operation, bump]);
    return result;
  } finally {
    // Even when the commit failed: a forgotten cache entry costs one lookup, a stale one would be a hole.
    state.generation += 1;
    await tellSiblingProcesses();
  }
}

type SiblingMessage = { channel: string; type: string; id?: number; relayId?: number };

/**
 * In a server process of a cluster, answers the primary's relays of other processes' changes: bump, then confirm.
 * Called at start-up (lib/startup.ts) so every process confirms from the first change on; idempotent.
 */
export function listenToSiblingProcesses(): void {
  if (!cluster.isWorker || state.siblings) return;
  const siblings = { lastId: 0, waiting: new Map<number, () => void>() };
  state.siblings = siblings;
  process.on("message", (message: SiblingMessage) => {
    if (message?.channel !== SIBLING_CHANNEL) return;
    if (message.type === "bump") {
      state.generation += 1;
      process.send?.({ channel: SIBLING_CHANNEL, type: "bumped", relayId: message.relayId });
    } else if (message.type === "relayed" && message.id !== undefined) {
      siblings.waiting.get(message.id)?.();
    }
  });
}

/** Resolves once every sibling process has bumped its generation (or after SIBLING_TIMEOUT_MS). */
function tellSiblingProcesses(): Promise<void> {
  listenToSiblingProcesses();
  const siblings = state.siblings;
  const send = process.send?.bind(process);
  if (!siblings || !send) return Promise.resolve();
  const id = ++siblings.lastId;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      siblings.waiting.delete(id);
      resolve();
    };
    const timer = setTimeout(done, SIBLING_TIMEOUT_MS);
    siblings.waiting.set(id, done);
    send({ channel: SIBLING_CHANNEL, type: "changed", id }, undefined, undefined, (error: Error | null) => {
      if (error) done();
    });
  });
}

/**
 * An in-memory cache of credential lookups whose entries count only under the current auth generation and within
 * their TTL. Entries hold the lookup's promise, so concurrent misses share one query; misses (null) and failed
 * lookups are not kept.
 */
export function createCredentialCache<V>(options: { load: (key: string) => Promise<V | null>; maxEntries: number }) {
  type Entry = { value: Promise<V | null>; generation: number; cachedUntil: number };
  const entries = new Map<string, Entry>();
  return {
    get(key: string, ttlMs: number, nowMs = Date.now()): Promise<V | null> {
      const generation = ttlMs > 0 ? currentAuthGeneration(nowMs) : null;
      if (generation === null) return options.load(key);
      const cached = entries.get(key);
      if (cached && cached.generation === generation && cached.cachedUntil > nowMs) return cached.value;
      if (entries.size >= options.maxEntries) entries.clear();
      // The generation is taken before the lookup: a change committed while it runs makes this entry stale at once.
      const entry: Entry = { value: options.load(key), generation, cachedUntil: nowMs + ttlMs };
      entries.set(key, entry);
      const drop = () => {
        if (entries.get(key) === entry) entries.delete(key);
      };
      entry.value.then((value) => {
        if (value === null) drop();
      }, drop);
      return entry.value;
    },
  };
}
