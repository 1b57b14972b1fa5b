// Work that outlives the request starting it must not run in that request's async context. A timer keeps the context
// it was made in — the request, its response and Next's per-request caches — alive until it fires: a rate-limit
// window's 60 s expiry timer, made for each new phone number, held ~25 KB per issuance (10 000 requests, 250 MB).
// Such work runs in the context captured when the server started (instrumentation.ts), outside every request.
import { AsyncLocalStorage } from "node:async_hooks";

type ContextRunner = <R>(work: () => R) => R;

const globalForContext = globalThis as unknown as { porticoStartupContext?: ContextRunner };

/** Called once at start-up, outside any request. */
export function captureStartupContext(): void {
  globalForContext.porticoStartupContext ??= AsyncLocalStorage.snapshot();
}

/** Runs `work` in the start-up context (as is, where none was captured: scripts, tests). */
export function runInStartupContext<R>(work: () => R): R {
  const run = globalForContext.porticoStartupContext;
  return run ? run(work) : work();
}
