import { AppError } from "@/lib/errors";
import { problemResponse, route } from "@/lib/http";
import { appVersion, backendModes, mayReadHealthDetails, publicCheck, readiness } from "@/lib/health";
import { healthQuery } from "./schema";

export const dynamic = "force-dynamic";

/**
 * Liveness by default: 200 while the process runs, with each backend's mode. With `?ready=1`,
 * readiness: every configured backend is checked (one round per few seconds, whoever asks) and a
 * 503 problem names what is down. Anyone learns which backends are up; only a caller with
 * `Authorization: Bearer <HEALTH_TOKEN>` sees hosts, error messages and latency.
 */
export const GET = route({ auth: "public", query: healthQuery }, async ({ query, request, requestId }) => {
  const status = { status: "ok", version: appVersion(), modes: backendModes(), time: new Date().toISOString() };
  const noStore = { "cache-control": "no-store" };
  if (!query.ready) return Response.json(status, { headers: noStore });

  const result = await readiness();
  const detailed = mayReadHealthDetails(request);
  const checks = detailed ? result.checks : result.checks.map(publicCheck);
  const checkedAt = result.checkedAt.toISOString();
  const down = result.checks.filter((check) => !check.ok);
  if (down.length > 0) {
    const reasons = down.map((check) => (detailed ? `${check.name} is down (${check.detail})` : `${check.name} is down`));
    const error = new AppError("unavailable", {
      detail: `Not ready: ${reasons.join("; ")}.`,
      extensions: { ready: false, down: down.map((check) => check.name), checks, checkedAt, modes: status.modes, version: status.version },
      retryAfterSeconds: 30,
    });
    return problemResponse(error, { instance: new URL(request.url).pathname, requestId });
  }
  return Response.json({ ...status, status: "ready", ready: true, checks, checkedAt }, { headers: noStore });
});
