import { AppError } from "@/lib/errors";
import { problemResponse, route } from "@/lib/http";
import { appVersion, backendModes, configuredChecks, runChecks } from "@/lib/health";
import { healthQuery } from "./schema";

export const dynamic = "force-dynamic";

/**
 * Liveness by default: 200 while the process runs, with each backend's mode. With `?ready=1`,
 * readiness: every configured backend is checked and a 503 problem names what is down.
 */
export const GET = route({ auth: "public", query: healthQuery }, async ({ query, request, requestId }) => {
  const status = { status: "ok", version: appVersion(), modes: backendModes(), time: new Date().toISOString() };
  const noStore = { "cache-control": "no-store" };
  if (!query.ready) return Response.json(status, { headers: noStore });

  const checks = await runChecks(configuredChecks());
  const down = checks.filter((check) => !check.ok);
  if (down.length > 0) {
    const error = new AppError("unavailable", {
      detail: `Not ready: ${down.map((check) => `${check.name} is down (${check.detail})`).join("; ")}.`,
      extensions: { down: down.map((check) => check.name), checks, modes: status.modes, version: status.version },
      retryAfterSeconds: 30,
    });
    return problemResponse(error, { instance: new URL(request.url).pathname, requestId });
  }
  return Response.json({ ...status, status: "ready", checks }, { headers: noStore });
});
