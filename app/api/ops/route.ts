import { route } from "@/lib/http";
import { opsGates, opsSnapshot } from "@/lib/ops";
import { opsQuery } from "./schema";

export const dynamic = "force-dynamic";

/** The operations page's snapshot (`?hours=`): operators see the deployment, demo visitors their own instance. */
export const GET = route(
  { auth: opsGates.view, query: opsQuery, rateLimit: { name: "ops", limit: 120, windowSeconds: 60 } },
  async ({ listener, query }) => {
    const snapshot = await opsSnapshot(listener, { hours: query.hours });
    return Response.json(snapshot, { headers: { "cache-control": "private, no-store" } });
  },
);
