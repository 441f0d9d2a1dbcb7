import "server-only";
import { getStore } from "@/lib/db";
import { ensureDemoHistory } from "@/lib/ingest";
import { trainAll } from "@/lib/reco";

/**
 * Stores the demo listener's history if it is not yet (for `after(...)`: keeps a serverless
 * function alive until it is stored), then trains the recommender on it in the background.
 */
export async function finishDemoHistory(): Promise<void> {
  await ensureDemoHistory(await getStore(), { wait: true, onStored: trainAll });
}
