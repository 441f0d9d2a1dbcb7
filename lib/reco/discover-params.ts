/** Discover's URL state (`?context=…&novelty=…`) and its TanStack Query options, shared by the server prefetch and the client. Client-safe. */
import { queryOptions } from "@tanstack/react-query";
import { CONTEXT_IDS } from "./context";
import type { RecoResponse } from "./server";

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

export const recoKeys = {
  all: ["reco"] as const,
  list: (params: DiscoverParams) => ["reco", "list", params] as const,
};

export function recommendationsQuery(params: DiscoverParams) {
  return queryOptions({
    queryKey: recoKeys.list(params),
    queryFn: async ({ signal }): Promise<RecoResponse> => {
      const query = new URLSearchParams(Object.entries(recoApiQuery(params)).map(([key, value]) => [key, String(value)]));
      const response = await fetch(`/api/recommendations?${query}`, { signal, headers: { accept: "application/json" } });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        throw new Error(problem?.detail ?? `Recommendations could not be loaded (HTTP ${response.status}). Try again.`);
      }
      return (await response.json()) as RecoResponse;
    },
    staleTime: 60_000,
  });
}
