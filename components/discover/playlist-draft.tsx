"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLinkIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { playlistQueries, playlistRequests, toPlaylistTrack, type PlaylistData, type PlaylistTrackInput } from "@/lib/playlists/client";
import type { Recommendation } from "@/lib/reco/client";

const SAVEABLE = /^spotify:track:[A-Za-z0-9]{1,40}$/;

type DraftChange =
  { kind: "add"; track: PlaylistTrackInput } | { kind: "remove"; key: string; base: PlaylistData } | { kind: "clear"; base: PlaylistData };

/** A pick as a draft track: its reason stays with it. */
function draftTrackOf(item: Recommendation): PlaylistTrackInput {
  return {
    key: item.key,
    name: item.name,
    artistName: item.artist,
    albumName: item.album,
    imageUrl: item.imageUrl,
    explicit: item.explicit,
    reason: item.explanation,
  };
}

/**
 * The listener's Discover draft, kept on the server (a playlist made on Discover), so it follows
 * them to every browser and opens in the playlist editor. Changes show at once and are sent in
 * order; a refused one is rolled back and said.
 */
export function useDraft() {
  const queryClient = useQueryClient();
  const draftQuery = playlistQueries.discoverDraft();
  const query = useQuery(draftQuery);
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    scope: { id: "discover-draft" },
    mutationFn: (change: DraftChange) => {
      switch (change.kind) {
        case "add":
          return playlistRequests.addToDraft([change.track]);
        case "remove":
          return playlistRequests.edit(change.base.id, change.base.version, { op: "remove", key: change.key });
        case "clear":
          return playlistRequests.edit(change.base.id, change.base.version, { op: "replace", tracks: [], label: "Cleared the draft" });
      }
    },
    onMutate: async (change) => {
      await queryClient.cancelQueries({ queryKey: draftQuery.queryKey });
      const previous = queryClient.getQueryData<PlaylistData | null>(draftQuery.queryKey) ?? null;
      const tracks: PlaylistData["tracks"] =
        change.kind === "add"
          ? [...(previous?.tracks ?? []), toPlaylistTrack(change.track)]
          : change.kind === "remove"
            ? (previous?.tracks ?? []).filter((track) => track.key !== change.key)
            : [];
      const now = new Date().toISOString();
      const next: PlaylistData | null = previous
        ? { ...previous, tracks, version: previous.version + 1 }
        : change.kind === "add"
          ? {
              id: "",
              name: "Discover draft",
              description: "",
              origin: "discover",
              tracks,
              version: 1,
              latestVersion: 1,
              createdAt: now,
              updatedAt: now,
              spotify: null,
              blendId: null,
            }
          : null;
      if (next) queryClient.setQueryData(draftQuery.queryKey, next);
      return { previous };
    },
    onSuccess: (playlist) => {
      if (queryClient.isMutating({ predicate: (entry) => entry.options.scope?.id === "discover-draft" }) <= 1)
        queryClient.setQueryData(draftQuery.queryKey, playlist);
      setProblem(null);
    },
    onError: (failure, _change, context) => {
      queryClient.setQueryData(draftQuery.queryKey, context?.previous ?? null);
      setProblem(failure.message);
      void queryClient.invalidateQueries({ queryKey: draftQuery.queryKey });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: playlistQueries.list().queryKey }),
  });
  const playlist = query.data ?? null;
  const draft = playlist?.tracks ?? [];
  return {
    query,
    playlist,
    draft,
    problem,
    /** Adds a pick; false (with the reason in `problem`) when it cannot go into a playlist. */
    add: (item: Recommendation) => {
      if (!SAVEABLE.test(item.key)) {
        setProblem(`${item.name} is known only from your history, with no Spotify match: it cannot go into a playlist.`);
        return false;
      }
      if (draft.some((track) => track.key === item.key)) return true;
      mutation.mutate({ kind: "add", track: draftTrackOf(item) });
      return true;
    },
    remove: (key: string) => {
      if (playlist?.id) mutation.mutate({ kind: "remove", key, base: playlist });
    },
    clear: () => {
      if (playlist?.id && draft.length > 0) mutation.mutate({ kind: "clear", base: playlist });
    },
  };
}

/** The draft beside the picks: what was added, each removable, and a link to edit it as a playlist. */
export function PlaylistDraft({ draft }: { draft: ReturnType<typeof useDraft> }) {
  const { playlist } = draft;
  return (
    <aside aria-labelledby="draft-heading" className="h-fit rounded-xl border bg-card p-4 lg:sticky lg:top-20">
      <h2 id="draft-heading" className="font-semibold">
        Playlist draft
      </h2>
      <QueryError error={draft.query.error} onRetry={() => void draft.query.refetch()} className="mt-2" />
      {draft.problem ? (
        <p role="alert" className="mt-2 text-sm text-destructive">
          {draft.problem}
        </p>
      ) : null}
      {draft.draft.length === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">
          Add tracks with “Add to draft”. Your draft is kept with your account: open it in the playlist editor, or ask the assistant to save
          it to Spotify.
        </p>
      ) : (
        <>
          <ol className="mt-2 flex flex-col gap-1 text-sm" data-testid="draft">
            {draft.draft.map((track) => (
              <li key={track.key} className="flex items-center justify-between gap-2">
                <span className="min-w-0 truncate">
                  {track.name} <span className="text-muted-foreground">· {track.artistName}</span>
                </span>
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="size-7"
                  aria-label={`Remove ${track.name} from the draft`}
                  title="Remove from the draft"
                  disabled={!playlist?.id}
                  onClick={() => draft.remove(track.key)}
                >
                  <XIcon aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ol>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            {playlist?.id ? (
              <Button asChild size="sm">
                <Link href={`/playlists/${playlist.id}`} data-testid="open-draft">
                  <ExternalLinkIcon aria-hidden="true" />
                  Open in editor
                </Link>
              </Button>
            ) : null}
            <Button type="button" size="sm" variant="outline" onClick={draft.clear} disabled={!playlist?.id}>
              Clear the draft
            </Button>
          </div>
        </>
      )}
    </aside>
  );
}
