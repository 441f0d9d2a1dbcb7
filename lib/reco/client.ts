/**
 * The client-safe part of recommendations: Discover's URL state and the TanStack Query options
 * shared by the server prefetch and the browser.
 */
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import { fetchJson, idempotentRetry } from "@/lib/http/client";
import { CONTEXTS, type ContextKind } from "./context";
import type { ListenerFeedback } from "./feedback";
import type { RecoResponse } from "./server";

export type { FeedbackEntry, ListenerFeedback } from "./feedback";
export type { RecoResponse } from "./server";
export { CONTEXTS, type ContextKind } from "./context";
export type { Recommendation, RecoSource } from "./engine";

export interface DiscoverParams {
  /** Context ids, at most one per kind, in the order of CONTEXTS (so one mix has one URL). */
  contexts: string[];
  /** "More like this": a track key to start from. */
  seed?: string;
  /** 0 to 100: familiar to new. */
  novelty: number;
}

export const DEFAULT_NOVELTY = 30;

const KIND_OF = new Map<string, ContextKind>(CONTEXTS.map((context) => [context.id, context.kind]));
const ORDER_OF = new Map<string, number>(CONTEXTS.map((context, order) => [context.id, order]));

/** Known ids only, the first of each kind, in CONTEXTS order. */
function normaliseContexts(ids: Iterable<string>): string[] {
  const byKind = new Map<ContextKind, string>();
  for (const id of ids) {
    const kind = KIND_OF.get(id);
    if (kind && !byKind.has(kind)) byKind.set(kind, id);
  }
  return [...byKind.values()].sort((a, b) => ORDER_OF.get(a)! - ORDER_OF.get(b)!);
}

/**
 * Chooses or clears one chip: a chosen chip clears; another chip replaces the one of its kind
 * (Happy after Chill) and keeps the other kinds (Chill, then Evening: both).
 */
export function toggleContext(contexts: readonly string[], id: string): string[] {
  if (contexts.includes(id)) return contexts.filter((each) => each !== id);
  const kind = KIND_OF.get(id);
  if (!kind) return [...contexts];
  return normaliseContexts([id, ...contexts.filter((each) => KIND_OF.get(each) !== kind)]);
}

export function readDiscoverParams(search: Record<string, string | string[] | undefined> | URLSearchParams): DiscoverParams {
  const get = (key: string) => (search instanceof URLSearchParams ? (search.get(key) ?? undefined) : [search[key]].flat()[0]);
  const contexts = normaliseContexts((get("context") ?? "").split(",").map((id) => id.trim()));
  const seed = get("seed")?.trim();
  const novelty = Number(get("novelty") ?? DEFAULT_NOVELTY);
  return {
    contexts,
    ...(seed && seed.length <= 600 ? { seed } : {}),
    novelty: Number.isFinite(novelty) ? Math.min(100, Math.max(0, Math.round(novelty / 10) * 10)) : DEFAULT_NOVELTY,
  };
}

/** The page's query string for a view: `context=chill,evening` keeps its commas readable (ids are plain words). */
export function discoverSearch(params: DiscoverParams): string {
  const parts: string[] = [];
  if (params.contexts.length > 0) parts.push(`context=${params.contexts.map(encodeURIComponent).join(",")}`);
  if (params.seed) parts.push(`seed=${encodeURIComponent(params.seed)}`);
  if (params.novelty !== DEFAULT_NOVELTY) parts.push(`novelty=${params.novelty}`);
  return parts.join("&");
}

/** Slider positions (0-100) at or below this are the familiar end. */
export const FAMILIAR_END = 10;

/** The API query for a view (`GET /api/recommendations?context=chill,evening`: one id per kind). */
export function recoApiQuery(params: DiscoverParams): {
  context?: string;
  seed?: string;
  limit: number;
  novelty: number;
  recentDays?: number;
} {
  return {
    ...(params.contexts.length > 0 ? { context: params.contexts.join(",") } : {}),
    ...(params.seed ? { seed: params.seed } : {}),
    limit: 20,
    novelty: params.novelty / 100,
    // At the familiar end the listener asks for what they know, this month's favourites included;
    // elsewhere the server leaves out the days of recent plays their setting says (30 by default).
    ...(params.novelty <= FAMILIAR_END ? { recentDays: 0 } : {}),
  };
}

/** Where a pick opens in Spotify: its track page for a real Spotify id, else a search for "artist title" (the demo catalogue's ids are made up). */
export function spotifyUrlOf(pick: { trackId: string | null; name: string; artist: string }, catalogue: "spotify" | "demo"): string {
  if (catalogue === "spotify" && pick.trackId && /^[A-Za-z0-9]{22}$/.test(pick.trackId))
    return `https://open.spotify.com/track/${pick.trackId}`;
  return `https://open.spotify.com/search/${encodeURIComponent(`${pick.artist} ${pick.name}`)}`;
}

/** Every recommendations query: `recoQueries.all` is the key prefix of them all. */
export const recoQueries = {
  all: ["reco"] as const,
  recommendations: (params: DiscoverParams) =>
    queryOptions({
      queryKey: [...recoQueries.all, "recommendations", params] as const,
      queryFn: ({ signal }) => {
        const query = new URLSearchParams(Object.entries(recoApiQuery(params)).map(([key, value]) => [key, String(value)]));
        return fetchJson<RecoResponse>(`/api/recommendations?${query}`, {
          signal,
          fallback: "Recommendations could not be loaded. Try again.",
        });
      },
      staleTime: 60_000,
    }),
  /** The listener's opinions (GET /api/feedback): Discover's pressed states and Settings' lists. */
  feedback: () =>
    queryOptions({
      queryKey: [...recoQueries.all, "feedback"] as const,
      queryFn: ({ signal }) =>
        fetchJson<ListenerFeedback>("/api/feedback", { signal, fallback: "Your likes could not be loaded. Try again." }),
      staleTime: 60_000,
    }),
};

export interface FeedbackInput {
  target: "track" | "artist";
  itemId: string;
  /** null takes an earlier opinion back. */
  kind: "like" | "dislike" | "not_now" | null;
  /** The title (or the artist's name) as shown, kept for the listener's lists. */
  name?: string;
  /** The track's artist as shown. */
  artist?: string;
}

export const recoMutations = {
  /**
   * Sets (or takes back) an opinion: the same request twice leaves the same state, so it may retry.
   * One scope runs them in order, so a retried like cannot land after the unlike that followed it.
   */
  feedback: () =>
    mutationOptions({
      mutationKey: [...recoQueries.all, "feedback"] as const,
      scope: { id: "reco-feedback" },
      mutationFn: (input: FeedbackInput) =>
        fetchJson<unknown>("/api/feedback", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(input),
          fallback: "Your feedback could not be saved. Try again.",
        }),
      ...idempotentRetry,
    }),
};
