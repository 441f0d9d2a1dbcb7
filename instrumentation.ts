import { env } from "@/lib/env";

/**
 * Runs once as a server starts, before it takes requests: OpenTelemetry through @vercel/otel when
 * an OTLP endpoint is configured, then the embedded store opened (not during `next build`, whose
 * workers also load this file).
 */
export async function register() {
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { registerOTel } = await import("@vercel/otel");
    registerOTel({ serviceName: env.OTEL_SERVICE_NAME });
  }
  // Next's own variables, read literally so the edge bundle drops the branch (not configuration).
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { openStoreAtStart } = await import("@/lib/db");
    await openStoreAtStart();
  }
}
