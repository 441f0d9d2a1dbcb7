import "server-only";
import { getStore } from "@/lib/db";
import { ensureDemoHistory } from "@/lib/ingest";
import { enqueueJob, kickJobs } from "@/lib/jobs";
import { logger } from "@/lib/telemetry";

/**
 * Stores today's demo history if it is not yet (the first visit of a day replaces yesterday's; for
 * `after(...)`: keeps a serverless function alive until it is stored), then queues the recommender's
 * training on it, so recommendations follow the new history, and kicks the runner.
 */
export async function finishDemoHistory(): Promise<void> {
  try {
    const store = await getStore();
    await ensureDemoHistory(store, {
      wait: true,
      onStored: async () => {
        await enqueueJob(
          "train",
          { key: `demo-history|${new Date().toISOString().slice(0, 10)}`, input: { reason: "new demo history" } },
          store,
        );
      },
    });
  } catch (error) {
    // The store is down (the page says so already): the next visit starts the work again.
    logger.warn({ err: error }, "demo history: not stored now; the next visit retries");
    return;
  }
  await kickJobs();
}
