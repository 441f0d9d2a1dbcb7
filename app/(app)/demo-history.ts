import "server-only";
import { getStore } from "@/lib/db";
import { ensureDemoHistory } from "@/lib/ingest";
import { trainAll } from "@/lib/reco";
import { logger } from "@/lib/telemetry";

/**
 * Stores today's demo history if it is not yet (the first visit of a day replaces yesterday's; for
 * `after(...)`: keeps a serverless function alive until it is stored), then trains the recommender
 * on it in the background, so recommendations follow the new history.
 */
export async function finishDemoHistory(): Promise<void> {
  try {
    await ensureDemoHistory(await getStore(), {
      wait: true,
      onStored: (store) => trainAll({ reason: "the demo history was stored" }, store),
    });
  } catch (error) {
    // The store is down (the page says so already): the next visit starts the work again.
    logger.warn({ err: error }, "demo history: not stored now; the next visit retries");
  }
}
