"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ProblemError } from "@/lib/http/client";
import {
  applyEdit,
  PlaylistEditError,
  playlistQueries,
  playlistRequests,
  type PlaylistData,
  type PlaylistEdit,
} from "@/lib/playlists/client";

type Change =
  | { kind: "edit"; edit: PlaylistEdit; baseVersion: number }
  | { kind: "undo" | "redo"; baseVersion: number }
  | { kind: "restore"; version: number; baseVersion: number }
  | { kind: "tune"; prompt: string; baseVersion: number };

type ChangeInput = Change extends infer C ? (C extends Change ? Omit<C, "baseVersion"> : never) : never;

/**
 * The editor's state: the playlist from the server, and every change sent in order (one mutation
 * scope per playlist) with the version it was made on. Edits show at once (the same pure edit
 * the server applies) and roll back if refused; undo, redo, restore and tune wait for the answer.
 * A 409 means another window changed the playlist: `conflict` says so until the listener reloads.
 */
export function usePlaylistEditor(id: string, { onAnnounce }: { onAnnounce: (message: string) => void }) {
  const queryClient = useQueryClient();
  const detail = playlistQueries.detail(id);
  const query = useQuery(detail);
  const [conflict, setConflict] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mutationKey = [...playlistQueries.all, "change", id] as const;

  const mutation = useMutation({
    mutationKey,
    scope: { id: `playlist-${id}` },
    mutationFn: (change: Change) => {
      switch (change.kind) {
        case "edit":
          return playlistRequests.edit(id, change.baseVersion, change.edit);
        case "undo":
        case "redo":
          return playlistRequests.version(id, { action: change.kind, baseVersion: change.baseVersion });
        case "restore":
          return playlistRequests.version(id, { action: "restore", version: change.version, baseVersion: change.baseVersion });
        case "tune":
          return playlistRequests.tune(id, change.baseVersion, change.prompt);
      }
    },
    onMutate: async (change) => {
      await queryClient.cancelQueries({ queryKey: detail.queryKey });
      const previous = queryClient.getQueryData<PlaylistData>(detail.queryKey);
      if (change.kind === "edit" && previous) {
        const result = applyEdit(previous, change.edit);
        if (result) {
          const next = previous.version + 1;
          queryClient.setQueryData<PlaylistData>(detail.queryKey, { ...previous, ...result.content, version: next, latestVersion: next });
        }
      }
      return { previous };
    },
    onSuccess: (playlist) => {
      // While later changes are still queued, the cache already shows them: keep it.
      if (queryClient.isMutating({ mutationKey }) <= 1) queryClient.setQueryData(detail.queryKey, playlist);
      setError(null);
    },
    onError: (failure, _change, context) => {
      if (context?.previous) queryClient.setQueryData(detail.queryKey, context.previous);
      if (failure instanceof ProblemError && failure.status === 409) {
        setConflict(failure.detail);
        onAnnounce(failure.detail);
      } else {
        setError(failure.message);
        onAnnounce(`Not saved: ${failure.message}`);
      }
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey }) <= 1) {
        void queryClient.invalidateQueries({ queryKey: playlistQueries.versions(id).queryKey });
        void queryClient.invalidateQueries({ queryKey: playlistQueries.list().queryKey });
      }
    },
  });

  const playlist = query.data;
  /** Sends a change made on what the listener sees now; an edit that changes nothing is not sent. */
  const send = (change: ChangeInput) => {
    if (!playlist || conflict) return false;
    if (change.kind === "edit") {
      // The server's own rules, checked before sending: what it would refuse is said here at once.
      try {
        if (!applyEdit(playlist, change.edit)) return false;
      } catch (failure) {
        if (!(failure instanceof PlaylistEditError)) throw failure;
        setError(failure.message);
        onAnnounce(failure.message);
        return false;
      }
    }
    mutation.mutate({ ...change, baseVersion: playlist.version });
    return true;
  };

  const reload = async () => {
    setConflict(null);
    setError(null);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: detail.queryKey }),
      queryClient.invalidateQueries({ queryKey: playlistQueries.versions(id).queryKey }),
    ]);
  };

  return {
    query,
    playlist,
    conflict,
    error,
    dismissError: () => setError(null),
    reload,
    /** A change the listener waits for (undo, redo, restore, tune) is on its way. */
    waiting: mutation.isPending && mutation.variables?.kind !== "edit",
    pendingKind: mutation.isPending ? mutation.variables?.kind : undefined,
    edit: (edit: PlaylistEdit) => send({ kind: "edit", edit }),
    undo: () => playlist !== undefined && playlist.version > 1 && send({ kind: "undo" }),
    redo: () => playlist !== undefined && playlist.version < playlist.latestVersion && send({ kind: "redo" }),
    restore: (version: number) => send({ kind: "restore", version }),
    tune: (prompt: string) => send({ kind: "tune", prompt }),
  };
}
