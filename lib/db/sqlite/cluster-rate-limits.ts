// Hot-path rate limits when `npm start` runs several server processes (node:cluster workers) on one SQLite file. The
// counters live in the launcher's memory (the cluster's primary, scripts/lib/serve.mjs), so a limit is exact across
// processes. A worker sends what its requests consume while its event loop is busy as one IPC message and gets one
// reply (group commit, as for database writes): one round trip per batch instead of one per point.
import cluster from "node:cluster";
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { RateLimiter, RateLimitWindow } from "../hot-paths";
import { consumeThroughTake, toRateLimiter } from "../rate-limiter";
import { createWriteBatcher, type WriteBatcher } from "../write-batcher";

/** The IPC channel; both ends are in this file. */
const CHANNEL = "portico:rate-limits";

type Window = Pick<RateLimitWindow, "keyPrefix" | "points" | "durationSeconds">;

type Operation = { window: Window; key: string } & (
  | { op: "consume" | "get" | "delete" }
  | { op: "reward"; points: number }
);

/** The window's state: after consume, or as it is (get; null when nothing was taken in it); null for reward, delete. */
type Answer = { allowed: boolean; consumedPoints: number; msBeforeNext: number } | null;

type Request = { channel: typeof CHANNEL; id: number; operations: Operation[] };
type Reply =
  | { channel: typeof CHANNEL; id: number; answers: Answer[] }
  | { channel: typeof CHANNEL; id: number; error: string };

const isRequest = (message: unknown): message is Request => (message as Request | null)?.channel === CHANNEL;
const isReply = (message: unknown): message is Reply => (message as Reply | null)?.channel === CHANNEL;

/**
 * In the cluster's primary: answers every worker's batches from one in-memory counter set per window. The operations
 * of a batch are applied in order, synchronously, so batches of several workers never interleave.
 */
export function answerClusterRateLimits(): void {
  const limiters = new Map<string, RateLimiter>();
  const limiterFor = ({ keyPrefix, points, durationSeconds }: Window) => {
    const id = `${keyPrefix}:${points}:${durationSeconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = toRateLimiter(new RateLimiterMemory({ keyPrefix: id, points, duration: durationSeconds }));
      limiters.set(id, limiter);
    }
    return limiter;
  };
  const apply = async (operation: Operation): Promise<Answer> => {
    const limiter = limiterFor(operation.window);
    switch (operation.op) {
      case "consume":
        return limiter.take(operation.key);
      case "reward":
        await limiter.reward(operation.key, operation.points);
        return null;
      case "get": {
        const state = await limiter.get(operation.key);
        return state && { allowed: true, ...state };
      }
      case "delete":
        await limiter.reset(operation.key);
        return null;
    }
  };
  cluster.on("message", (worker, message: unknown) => {
    if (!isRequest(message)) return;
    // Each call starts its operation at once (the memory store counts synchronously), in the batch's order.
    Promise.all(message.operations.map(apply)).then(
      (answers) => worker.isConnected() && worker.send({ channel: CHANNEL, id: message.id, answers } satisfies Reply),
      (error: unknown) =>
        worker.isConnected() && worker.send({ channel: CHANNEL, id: message.id, error: String(error) } satisfies Reply),
    );
  });
}

// One batcher and one reply listener per process, on globalThis: Next bundles this module into several chunks.
const globalForLimits = globalThis as unknown as { porticoClusterRateLimits?: WriteBatcher<Operation, Answer> };

function getBatcher(): WriteBatcher<Operation, Answer> {
  if (globalForLimits.porticoClusterRateLimits) return globalForLimits.porticoClusterRateLimits;
  const waiting = new Map<number, { resolve: (answers: Answer[]) => void; reject: (error: Error) => void }>();
  let lastId = 0;
  process.on("message", (message: unknown) => {
    if (!isReply(message)) return;
    const batch = waiting.get(message.id);
    waiting.delete(message.id);
    if (!batch) return;
    if ("error" in message) batch.reject(new Error(`rate limits: ${message.error}`));
    else batch.resolve(message.answers);
  });
  globalForLimits.porticoClusterRateLimits = createWriteBatcher<Operation, Answer>({
    maxBatch: 1024,
    retryAlone: () => false,
    writeBatch: (operations) =>
      new Promise<Answer[]>((resolve, reject) => {
        const id = ++lastId;
        waiting.set(id, { resolve, reject });
        const request: Request = { channel: CHANNEL, id, operations };
        process.send?.(request, undefined, undefined, (error: Error | null) => {
          if (!error) return;
          waiting.delete(id);
          reject(error);
        });
      }),
  });
  return globalForLimits.porticoClusterRateLimits;
}

/** In a cluster worker: a limiter whose counters are the primary's (see answerClusterRateLimits). */
export function createClusterRateLimiter({ keyPrefix, points, durationSeconds }: Window): RateLimiter {
  const window = { keyPrefix, points, durationSeconds };
  const send = (operation: Operation) => getBatcher().write(operation);
  const take = async (key: string) => {
    const answer = await send({ window, key, op: "consume" });
    if (!answer) throw new Error("rate limits: no answer to consume");
    return answer;
  };
  return {
    consume: consumeThroughTake(take),
    take,
    async reset(key) {
      await send({ window, key, op: "delete" });
    },
    async reward(key, points) {
      await send({ window, key, op: "reward", points });
    },
    async get(key) {
      const answer = await send({ window, key, op: "get" });
      return answer && { consumedPoints: answer.consumedPoints, msBeforeNext: answer.msBeforeNext };
    },
  };
}
