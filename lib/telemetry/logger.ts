import pino from "pino";
import { env } from "@/lib/env";

/** One JSON line per event on stdout: what Vercel, Docker and `jq` all read. */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: env.OTEL_SERVICE_NAME, env: env.VERCEL_ENV ?? env.NODE_ENV },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: ["*.accessToken", "*.refreshToken", "*.access_token", "*.refresh_token", "*.authorization", "*.password"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
