/**
 * The client-safe part of recommendations: Discover's URL state and the TanStack Query options
 * shared by the server prefetch and the browser.
 */
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import { fetchJson, idempotentRetry } from "@/lib/http/client";
import { CONTEXT_IDS } from "./context";
import type { RecoResponse } from "./server";

export type { RecoResponse } from "./server";
export { CONTEXTS, type ContextKind } from "./context";
export type { Recommendation, RecoSource } from "./engine";

export interface DiscoverParams {
  context?: string;
  /** 0 to 100: familiar to new. */
  novelty: number;
}

export const DEFAULT_NOVELTY = 30;

export function readDiscoverParams(search: Record<string, string | string[] | undefined> | URLSearchParams): DiscoverParams {
  const get = (key: string) => (search instanceof URLSearchParams ? (search.get(key) ?? undefined) : [search[key]].flat()[0]);
  const context = get("context");
  const novelty = Number(get("novelty") ?? DEFAULT_NOVELTY);
  return {
    ...(context && CONTEXT_IDS.includes(context) ? { context } : {}),
    novelty: Number.isFinite(novelty) ? Math.min(100, Math.max(0, Math.round(novelty / 10) * 10)) : DEFAULT_NOVELTY,
  };
}

export function discoverSearch(params: DiscoverParams): string {
  const search = new URLSearchParams();
  if (params.context) search.set("context", params.context);
  if (params.novelty !== DEFAULT_NOVELTY) search.set("novelty", String(params.novelty));
  return search.toString();
}

/** The API query for a view. */
export function recoApiQuery(params: DiscoverParams) {
  return { ...(params.context ? { context: params.context } : {}), limit: 20, novelty: params.novelty / 100, recentDays: 30 };
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
};

export interface FeedbackInput {
  target: "track" | "artist";
  itemId: string;
  /** null takes an earlier opinion back. */
  kind: "like" | "dislike" | "not_now" | null;
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
