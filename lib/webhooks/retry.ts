// When to try a failed delivery again. Pure functions, so the schedule is unit-tested without a clock.

const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** ±10 % jitter spreads retries of one outage so the receiver is not hit by all of them at the same instant. */
export function jitter(seconds: number, random: () => number = Math.random): number {
  return seconds * (0.9 + 0.2 * random());
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent or unusable. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : (Date.parse(trimmed) - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
}

/**
 * The next attempt after `attemptsMade` failed attempts, or null when the schedule is exhausted. A receiver's
 * Retry-After (429/503) replaces the scheduled delay: it knows its own recovery better than our table does.
 */
export function computeNextAttemptAt(options: {
  attemptsMade: number;
  scheduleSeconds: number[];
  retryAfterSeconds?: number;
  now: Date;
  random?: () => number;
}): Date | null {
  const delay = options.scheduleSeconds[options.attemptsMade - 1];
  if (delay === undefined) return null;
  const seconds = options.retryAfterSeconds ?? jitter(delay, options.random);
  return new Date(options.now.getTime() + Math.round(seconds * 1000));
}
