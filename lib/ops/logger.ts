// Structured logs: one JSON object per line on stdout (pino), level from PORTICO_LOG_LEVEL (default info).
// Never pass a secret, a token or a request body: log ids, route patterns, statuses and durations.
import pino, { type Logger } from "pino";

/** pino's levels, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const globalForLogger = globalThis as unknown as { porticoLogger?: Logger };

/**
 * PORTICO_LOG_LEVEL, declared in lib/config.ts's table and validated there at start-up. Read here rather than through
 * getConfig(): lib/errors brings this module into client bundles, where lib/config (node:fs) cannot follow.
 */
function readLogLevel(): (typeof LOG_LEVELS)[number] {
  const level = process.env.PORTICO_LOG_LEVEL?.trim().toLowerCase() || "info";
  return (LOG_LEVELS as readonly string[]).includes(level) ? (level as (typeof LOG_LEVELS)[number]) : "info";
}

export function getLogger(): Logger {
  globalForLogger.porticoLogger ??= pino(
    {
      level: readLogLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Defence in depth: fields that may ever carry a credential are masked wherever they appear.
      redact: {
        paths: [
          "authorization",
          "*.authorization",
          "headers.authorization",
          "password",
          "*.password",
          "token",
          "*.token",
          "secret",
          "*.secret",
        ],
        censor: "[redacted]",
      },
    },
    // Asynchronous writes: a request never waits on stdout; pino flushes what is buffered when the process exits.
    pino.destination({ dest: 1, sync: false }),
  );
  return globalForLogger.porticoLogger;
}
