import "server-only";
import { cache } from "react";
import { getStore } from "@/lib/db";
import { DEMO_LISTENER } from "@/lib/demo";
import type { ListenerProfile } from "@/lib/listener";
import type { ListeningIndex } from "./listening-index";
import { compactSegments, loadListeningIndex } from "./load";

/**
 * "Now" for the listener's ranges. The demo history is a snapshot that ends on a fixed day, so the
 * demo's "last 4 weeks" are the last four weeks of that history, not four empty weeks after it.
 */
export function listenerNow(listener: Pick<ListenerProfile, "isDemo">, now = Date.now()): number {
  return listener.isDemo ? Math.min(now, Date.parse(DEMO_LISTENER.end)) : now;
}

/**
 * The listener's listening index, once per request. Only reads: the demo listener's history is
 * stored by `ensureDemoHistory` (lib/ingest), which the pages start.
 */
export const listenerIndex = cache(async (listener: Pick<ListenerProfile, "id" | "isDemo">): Promise<ListeningIndex> => {
  const store = await getStore();
  const index = await loadListeningIndex(store, listener.id);
  // Maintenance after the answer: merges small segments when the load found many (rarely).
  void compactSegments(store, listener.id);
  return index;
});
