import "server-only";
import { cache } from "react";
import { DEMO_USER_ID, getStore, listeningRepository, type Store } from "@/lib/db";
import type { ListenerProfile } from "@/lib/listener";
import type { ListeningIndex } from "./listening-index";
import { compactSegments, loadListeningIndex } from "./load";

/**
 * "Now" for the listener's ranges: the real now, for the demo listener too. Their history is
 * generated up to yesterday every day (lib/demo's `demoListenerOptions`, stored again each day by
 * `ensureDemoHistory`), so "last 4 weeks" and "on this day" are about real days for everyone.
 */
export function listenerNow(_listener: Pick<ListenerProfile, "isDemo">, now = Date.now()): number {
  return now;
}

/**
 * Whose listening history a listener reads: the one place that decides it. Everyone reads their
 * own, except a demo visitor who has imported nothing: they read the shared demo history, stored
 * once under `DEMO_USER_ID` and never written by a visitor. A visitor's import is stored under
 * their own id and, from then on, shown instead of the shared history. What a visitor owns
 * (chats, feedback, imports, shares, budgets) is always keyed by their own id, never by this.
 */
export async function historyOwner(store: Store, listener: Pick<ListenerProfile, "id" | "isDemo">): Promise<string> {
  if (!listener.isDemo || listener.id === DEMO_USER_ID) return listener.id;
  return (await listeningRepository(store).revision(listener.id)) > 0 ? listener.id : DEMO_USER_ID;
}

/** Whether the listener reads the shared demo history: a demo visitor who has imported nothing. */
export async function readsDemoHistory(listener: Pick<ListenerProfile, "id" | "isDemo">, store?: Store): Promise<boolean> {
  if (!listener.isDemo) return false;
  return (await historyOwner(store ?? (await getStore()), listener)) === DEMO_USER_ID;
}

/**
 * The listening index of the history the listener reads (`historyOwner`), once per request. Only
 * reads: the demo history is stored by `ensureDemoHistory` (lib/ingest), which the pages start.
 */
export const listenerIndex = cache(async (listener: Pick<ListenerProfile, "id" | "isDemo">): Promise<ListeningIndex> => {
  const store = await getStore();
  const owner = await historyOwner(store, listener);
  const index = await loadListeningIndex(store, owner);
  // Maintenance after the answer: merges small segments when the load found many (rarely).
  void compactSegments(store, owner);
  return index;
});
