import { env } from "@/lib/env";

/** OpenTelemetry through @vercel/otel, only when an OTLP endpoint is configured. */
export async function register() {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const { registerOTel } = await import("@vercel/otel");
  registerOTel({ serviceName: env.OTEL_SERVICE_NAME });
}
