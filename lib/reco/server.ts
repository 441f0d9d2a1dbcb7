import "server-only";
import { createHash } from "node:crypto";
import { getCache } from "@/lib/cache";
import { AppError } from "@/lib/errors";
import { feedbackRepository, getStore, recentDaysOf, settingsFingerprint } from "@/lib/db";
import { listenerIndex, listenerNow, type ListeningIndex, normaliseName } from "@/lib/listening";
import type { ListenerProfile } from "@/lib/listener";
import { perProcess } from "@/lib/process-state";
import { spotifyClientFor } from "@/lib/spotify";
import { observeDuration } from "@/lib/telemetry";
import { demoCatalogPort, spotifyCatalogPort } from "./catalog";
import { parseContexts, type ContextDefinition } from "./context";
import { SNOOZE_MS } from "./feedback";
import { recommend, type Feedback, type Recommendation } from "./engine";
import { collaborativeSignal } from "./models";
import { trackProfile, type TrackProfile } from "./profile";

export interface RecoQuery {
  /** Context ids, at most one per kind: a list, or comma-separated (`"chill,workout"`). */
  context?: string | readonly string[];
  seed?: string;
  limit: number;
  novelty: number;
  /** Days of recent plays to leave out; the listener's setting when not given (Discover sends 0 at its familiar end). */
  recentDays?: number;
}

export interface RecoResponse {
  items: Recommendation[];
  /** The contexts applied, comma-separated in kind order (`"chill,workout"`), or null. */
  context: string | null;
  /** The same, as a list. */
  contexts: string[];
  novelty: number;
  /** The collaborative model that took part, if any. */
  model: string | null;
  generatedAt: string;
}

const RESULT_TTL_SECONDS = 600;
const profiles = perProcess("reco.profiles", () => new WeakMap<ListeningIndex, Map<string, TrackProfile>>());

/** The track profile of an index, per day and time zone (recomputed at most once a day). */
function profileOf(index: ListeningIndex, now: number, timeZone: string, listenThresholdMs: number): TrackProfile {
  const day = Math.floor(now / 86_400_000);
  const key = `${day}|${timeZone}|${listenThresholdMs}`;
  let byKey = profiles.get(index);
  if (!byKey) {
    byKey = new Map();
    profiles.set(index, byKey);
  }
  let profile = byKey.get(key);
  if (!profile) {
    profile = trackProfile(index, { now, timeZone, listenThresholdMs });
    byKey.clear();
    byKey.set(key, profile);
  }
  return profile;
}

async function feedbackOf(userId: string): Promise<{ feedback: Feedback; fingerprint: string }> {
  const records = await feedbackRepository(await getStore()).list(userId);
  const weekAgo = Date.now() - SNOOZE_MS;
  const likedTracks = new Set<string>();
  const dislikedTracks = new Set<string>();
  const likedArtists = new Set<string>();
  const dislikedArtists = new Set<string>();
  const snoozedTracks = new Set<string>();
  for (const record of records) {
    if (record.target === "artist") {
      // "Not now" on an artist has no meaning yet: only likes and dislikes count.
      if (record.kind === "like") likedArtists.add(normaliseName(record.itemId));
      else if (record.kind === "dislike") dislikedArtists.add(normaliseName(record.itemId));
    } else if (record.kind === "like") likedTracks.add(record.itemId);
    else if (record.kind === "dislike") dislikedTracks.add(record.itemId);
    else if (record.updatedAt.getTime() > weekAgo) snoozedTracks.add(record.itemId);
  }
  const fingerprint = createHash("sha256")
    .update(records.map((record) => `${record._id}:${record.kind}:${record.updatedAt.getTime()}`).join("\n"))
    .digest("base64url")
    .slice(0, 16);
  return { feedback: { likedTracks, dislikedTracks, likedArtists, dislikedArtists, snoozedTracks }, fingerprint };
}

/**
 * Recommendations for the listener, cached per listener, query, plays revision, feedback and
 * settings: a new play, a new opinion or a changed setting (threshold, time zone, explicit,
 * recent days) changes the key, so the next request computes afresh.
 */
export async function recommendationsFor(listener: ListenerProfile, request: RecoQuery): Promise<RecoResponse> {
  const started = performance.now();
  const query: RecoQuery & { recentDays: number } = { ...request, recentDays: request.recentDays ?? recentDaysOf(listener.settings) };
  const [index, { feedback, fingerprint }] = await Promise.all([listenerIndex(listener), feedbackOf(listener.id)]);
  const contexts = contextsOf(query);
  const cacheKey = `reco:${listener.id}:${index.revision}:${fingerprint}:${contexts.map((context) => context.id).join(",") || "-"}:${query.seed ?? "-"}:${query.limit}:${query.novelty}:${query.recentDays}:${settingsFingerprint(listener.settings)}`;
  const cache = getCache();
  const cached = await cache.get<RecoResponse>(cacheKey);
  if (cached) {
    observeDuration("reco.request_cached", performance.now() - started);
    return cached;
  }
  // Identical requests in flight share one computation (a double click, two tabs, a burst).
  let pending = inflight.get(cacheKey);
  if (!pending) {
    pending = compute(listener, query, { index, feedback, cacheKey }).finally(() => inflight.delete(cacheKey));
    inflight.set(cacheKey, pending);
  }
  const response = await pending;
  observeDuration("reco.request", performance.now() - started);
  return response;
}

/** The query's contexts (the route validates them first; another caller gets the same answer). */
function contextsOf(query: RecoQuery): ContextDefinition[] {
  const parsed = parseContexts(query.context);
  if (parsed.error !== undefined) throw new AppError("validation_failed", { errors: [{ field: "query.context", message: parsed.error }] });
  return parsed.contexts;
}

const inflight = perProcess("reco.inflight", () => new Map<string, Promise<RecoResponse>>());

async function compute(
  listener: ListenerProfile,
  query: RecoQuery & { recentDays: number },
  { index, feedback, cacheKey }: { index: ListeningIndex; feedback: Feedback; cacheKey: string },
): Promise<RecoResponse> {
  const contexts = contextsOf(query);
  const now = listenerNow(listener);
  const profile = profileOf(index, now, listener.settings.timeZone, listener.settings.listenThresholdMs);
  const catalog = listener.isDemo ? demoCatalogPort() : spotifyCatalogPort(spotifyClientFor({ userId: listener.id, isDemo: false }));
  const collaborative = await collaborativeSignal(index, profile, { isDemo: listener.isDemo }).catch(() => null);
  const items = await recommend({
    index,
    profile,
    feedback,
    catalog,
    ...(collaborative ? { collaborative: collaborative.signal } : {}),
    request: {
      ...(contexts.length > 0 ? { contexts } : {}),
      ...(query.seed ? { seed: query.seed } : {}),
      limit: query.limit,
      novelty: query.novelty,
      recentDays: query.recentDays,
      allowExplicit: listener.settings.allowExplicit,
    },
  });
  const response: RecoResponse = {
    items,
    context: contexts.map((context) => context.id).join(",") || null,
    contexts: contexts.map((context) => context.id),
    novelty: query.novelty,
    model: collaborative?.version ?? null,
    generatedAt: new Date().toISOString(),
  };
  await getCache().set(cacheKey, response, { ttlSeconds: RESULT_TTL_SECONDS });
  return response;
}
