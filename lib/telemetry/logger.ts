import pino from "pino";
import { env } from "@/lib/env";
import { hashedListenerId } from "./identity";
import { requestContext } from "./request-context";

/**
 * One JSON line per event on stdout: what Vercel, Docker and `jq` all read. Command-line tools
 * whose standard output is their result (`npm run import -- --json`) log to stderr instead.
 *
 * A line written while serving a request carries its `requestId`, `route` and hashed `listener`
 * (from the route wrapper's request context), and a `userId` field is logged as `listener`, hashed:
 * no raw listener id reaches the logs.
 */
export function createLogger(
  destination: pino.DestinationStream = pino.destination({ fd: env.LOG_DESTINATION === "stderr" ? 2 : 1, sync: true }),
) {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service: env.OTEL_SERVICE_NAME, env: env.VERCEL_ENV ?? env.NODE_ENV },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ ...requestContext() }),
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => {
          if (typeof object.userId !== "string") return object;
          const { userId, ...rest } = object;
          return { ...rest, listener: hashedListenerId(userId) };
        },
      },
      redact: {
        paths: ["*.accessToken", "*.refreshToken", "*.access_token", "*.refresh_token", "*.authorization", "*.password"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export const logger = createLogger();

export type Logger = typeof logger;
