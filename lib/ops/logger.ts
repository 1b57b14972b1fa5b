// Structured logs: one JSON object per line on stdout (pino), level from PORTICO_LOG_LEVEL (default info).
// Never pass a secret, a token or a request body: log ids, route patterns, statuses and durations.
import pino, { type Logger } from "pino";
import { readConfigVariable } from "@/lib/config";

const globalForLogger = globalThis as unknown as { porticoLogger?: Logger };

export function getLogger(): Logger {
  globalForLogger.porticoLogger ??= pino(
    {
      level: readConfigVariable("PORTICO_LOG_LEVEL"),
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
