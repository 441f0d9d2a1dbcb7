import { getStore } from "@/lib/db";
import { route } from "@/lib/http";
import { removeIdleDemoListeners } from "@/lib/listener";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, daily: remove demo visitors idle for 30 days with everything they own (never the shared demo history). */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const started = Date.now();
  const result = await removeIdleDemoListeners(await getStore());
  const summary = { ...result, ms: Date.now() - started };
  log.info(summary, "cron: idle demo visitors removed");
  return summary;
});
