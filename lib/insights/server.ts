import "server-only";
import { DEMO_USER_ID, getStore, isDemoVisitorId, sharesRepository, usersRepository } from "@/lib/db";
import { DEMO_LISTENER, getDemoCatalog } from "@/lib/demo";
import { publicGenresOf } from "@/lib/genres";
import type { ListenerProfile } from "@/lib/listener";
import { listenerIndex, listenerNow, type ItemKind } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { observeDuration } from "@/lib/telemetry";
import { buildDashboard, type DashboardQuery } from "./dashboard";
import { findItem, genres, itemDetail, recapYears, yearRecap, type ItemDetail } from "./compute";
import { yearQuery } from "./compute/recap";
import { definitionsFor } from "./definitions";

/**
 * Artist genres where we know them: the demo catalogue has its own; real listeners' artists take
 * listener-applied tags from public data (Spotify gives new apps no reliable genres), by name.
 */
async function genreSource(listener: Pick<ListenerProfile, "isDemo">): Promise<(artistName: string) => readonly string[] | undefined> {
  if (!listener.isDemo) return publicGenresOf();
  const genres = perProcess(
    "insights.demoGenres",
    () => new Map(getDemoCatalog(DEMO_LISTENER.seed).artists.map((artist) => [artist.name, artist.genres])),
  );
  return (artistName) => genres.get(artistName);
}

/** Every dashboard widget for one range: what the page prefetches and `GET /api/insights` returns. */
export async function dashboardFor(listener: ListenerProfile, query: DashboardQuery, now = listenerNow(listener)) {
  const index = await listenerIndex(listener);
  const started = performance.now();
  const genreOf = await genreSource(listener);
  const data = buildDashboard(index, query, listener.settings, { now, genreOf });
  observeDuration("insights.dashboard", performance.now() - started);
  return data;
}

export { genreSource };

/** An artist, track or album page's data, by its URL key; null when the listener never played it. */
export async function itemPageFor(listener: ListenerProfile, kind: ItemKind, key: string): Promise<ItemDetail | null> {
  const index = await listenerIndex(listener);
  const id = findItem(index, kind, key);
  if (id < 0) return null;
  return itemDetail(index, { kind, id, timeZone: listener.settings.timeZone, listenThresholdMs: listener.settings.listenThresholdMs });
}

/** The years with plays, newest first. */
export async function recapYearsFor(listener: ListenerProfile): Promise<number[]> {
  return recapYears(await listenerIndex(listener), listener.settings.timeZone);
}

/** A year in music, with top genres where known; null for a year without plays. */
export async function recapFor(listener: Pick<ListenerProfile, "id" | "isDemo" | "settings">, year: number) {
  const index = await listenerIndex(listener);
  const recap = yearRecap(index, { year, timeZone: listener.settings.timeZone, listenThresholdMs: listener.settings.listenThresholdMs });
  if (!recap) return null;
  const genreOf = await genreSource(listener);
  const q = yearQuery(year, listener.settings.timeZone, listener.settings.listenThresholdMs);
  return {
    ...recap,
    genres: genres(index, q, genreOf, { limit: 5 }) ?? [],
    definitions: definitionsFor(listener.settings.listenThresholdMs),
  };
}

export type RecapData = NonNullable<Awaited<ReturnType<typeof recapFor>>>;

/** The public link of a shared recap, on the origin the listener uses (`publicOrigin` in lib/http). */
export function shareUrl(token: string, origin: string): string {
  return new URL(`/share/${encodeURIComponent(token)}`, origin).toString();
}

/** The recap behind a public share link, only while its listener keeps sharing on. */
export async function sharedRecap(token: string): Promise<{ recap: RecapData; displayName: string } | null> {
  const store = await getStore();
  const share = await sharesRepository(store).byToken(token);
  if (!share) return null;
  const user = await usersRepository(store).findById(share.userId);
  if (!user) return null;
  const recap = await recapFor(
    { id: user._id, isDemo: user._id === DEMO_USER_ID || isDemoVisitorId(user._id), settings: user.settings },
    share.year,
  );
  return recap ? { recap, displayName: user.displayName } : null;
}
