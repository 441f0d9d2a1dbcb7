import { route } from "@/lib/http";
import { dashboardFor } from "@/lib/insights";
import { toDashboardQuery } from "@/lib/insights";
import { insightsQuery } from "./schema";

export const dynamic = "force-dynamic";

/** Every dashboard widget for one range (`?range=4w|6m|1y|all|custom&from=&to=&by=plays|time&unit=`). */
export const GET = route(
  { auth: "listener", query: insightsQuery, rateLimit: { name: "insights", limit: 240, windowSeconds: 60 } },
  async ({ listener, query }) => {
    const data = await dashboardFor(listener, toDashboardQuery(query));
    return Response.json(data, { headers: { "cache-control": "private, no-store" } });
  },
);
