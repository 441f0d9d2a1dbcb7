import pino from "pino";
import { env } from "@/lib/env";

/**
 * One JSON line per event on stdout: what Vercel, Docker and `jq` all read. Command-line tools
 * whose standard output is their result (`npm run import -- --json`) log to stderr instead.
 */
export const logger = pino(
  {
    level: env.LOG_LEVEL,
    base: { service: env.OTEL_SERVICE_NAME, env: env.VERCEL_ENV ?? env.NODE_ENV },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ["*.accessToken", "*.refreshToken", "*.access_token", "*.refresh_token", "*.authorization", "*.password"],
      censor: "[redacted]",
    },
  },
  pino.destination({ fd: env.LOG_DESTINATION === "stderr" ? 2 : 1, sync: true }),
);

export type Logger = typeof logger;
