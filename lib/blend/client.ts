/**
 * The browser's side of Blend: its types, the query keys and fetchers shared by the server
 * prefetch and the client components, and the mutations the pages call.
 */
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import { fetchJson, idempotentRetry } from "@/lib/http/client";
import type { BlendList, BlendRange, BlendView, InviteCreated, InvitePreview } from "./types";

export type * from "./types";

/** The ranges in tab order, with their labels (Spotify's own three). */
export const BLEND_RANGE_TABS: ReadonlyArray<{ range: BlendRange; label: string }> = [
  { range: "4w", label: "4 weeks" },
  { range: "6m", label: "6 months" },
  { range: "all", label: "All time" },
];

/** The range a URL's `range` names, or the default (last 6 months, the range the playlist is drawn from). */
export function readBlendRange(value: string | string[] | undefined): BlendRange {
  const first = [value].flat()[0];
  return first === "4w" || first === "6m" || first === "all" ? first : "6m";
}

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Every Blend query: `blendQueries.all` is the key prefix of them all. */
export const blendQueries = {
  all: ["blend"] as const,
  list: () =>
    queryOptions({
      queryKey: [...blendQueries.all, "list"] as const,
      queryFn: ({ signal }) => fetchJson<BlendList>("/api/blends", { signal, fallback: "Your Blends could not be loaded. Try again." }),
      staleTime: 30_000,
    }),
  view: (id: string, range: BlendRange) =>
    queryOptions({
      queryKey: [...blendQueries.all, "view", id, range] as const,
      queryFn: ({ signal }) =>
        fetchJson<BlendView>(`/api/blends/${encodeURIComponent(id)}?range=${range}`, {
          signal,
          fallback: "This Blend could not be loaded. Try again.",
        }),
      staleTime: 60_000,
    }),
  invite: (token: string) =>
    queryOptions({
      queryKey: [...blendQueries.all, "invite", token] as const,
      queryFn: ({ signal }) =>
        fetchJson<InvitePreview>(`/api/blends/invites/${encodeURIComponent(token)}`, {
          signal,
          fallback: "This invite could not be loaded. Try again.",
        }),
      staleTime: 30_000,
    }),
};

export const blendMutations = {
  /** A new invite link. Not retried: a retry would make a second link. */
  createInvite: () =>
    mutationOptions({
      mutationKey: [...blendQueries.all, "create-invite"] as const,
      mutationFn: () => fetchJson<InviteCreated>("/api/blends", { ...json({}), fallback: "The invite could not be made. Try again." }),
    }),
  /** Accepts an invite; accepting twice leads to the same Blend, so it may retry. */
  accept: (token: string) =>
    mutationOptions({
      mutationKey: [...blendQueries.all, "accept", token] as const,
      mutationFn: () =>
        fetchJson<{ id: string }>(`/api/blends/invites/${encodeURIComponent(token)}`, {
          ...json({ answer: "accept" }),
          fallback: "The invite could not be accepted. Try again.",
        }),
      ...idempotentRetry,
    }),
  decline: (token: string) =>
    mutationOptions({
      mutationKey: [...blendQueries.all, "decline", token] as const,
      mutationFn: () =>
        fetchJson<{ declined: true }>(`/api/blends/invites/${encodeURIComponent(token)}`, {
          ...json({ answer: "decline" }),
          fallback: "The invite could not be declined. Try again.",
        }),
    }),
  withFriend: () =>
    mutationOptions({
      mutationKey: [...blendQueries.all, "friend"] as const,
      mutationFn: (slug: string) =>
        fetchJson<{ id: string }>("/api/blends/friends", {
          ...json({ friend: slug }),
          fallback: "The Blend could not be made. Try again.",
        }),
    }),
  refresh: (id: string) =>
    mutationOptions({
      mutationKey: [...blendQueries.all, "refresh", id] as const,
      mutationFn: () =>
        fetchJson<{ generatedAt: string; tracks: number }>(`/api/blends/${encodeURIComponent(id)}/refresh`, {
          ...json({}),
          fallback: "The Blend playlist could not be refreshed. Try again.",
        }),
    }),
  /** Leaves a Blend or withdraws an invite. */
  leave: (id: string) =>
    mutationOptions({
      mutationKey: [...blendQueries.all, "leave", id] as const,
      mutationFn: () =>
        fetchJson<{ deletedPlaylists: number }>(`/api/blends/${encodeURIComponent(id)}`, {
          method: "DELETE",
          fallback: "Leaving the Blend did not work. Try again.",
        }),
    }),
};
