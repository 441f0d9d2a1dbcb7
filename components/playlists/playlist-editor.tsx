"use client";

import { ListMusicIcon, Redo2Icon, RotateCwIcon, Undo2Icon } from "lucide-react";
import { useEffect, useEffectEvent, useRef, useState, type DragEvent } from "react";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { PlaylistTrack } from "@/lib/playlists/client";
import { AddTracks } from "./add-tracks";
import { PlaylistActions } from "./playlist-actions";
import { PlaylistDetails } from "./playlist-details";
import { TrackRow } from "./track-row";
import { TuneForm } from "./tune-form";
import { usePlaylistEditor } from "./use-playlist-editor";
import { VersionHistory } from "./version-history";

/** Whether a key press is typing (where Ctrl+Z belongs to the text field). */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The playlist editor: reorder by drag and drop or by keyboard, remove, pin, add from the
 * catalogue, rename and describe, undo and redo (also Ctrl+Z and Ctrl+Shift+Z), restore any kept
 * version, and Tune by prompt. Every change is a version on the server; moves are announced.
 */
export function PlaylistEditor({ id }: { id: string }) {
  const [announcement, setAnnouncement] = useState("");
  const editor = usePlaylistEditor(id, { onAnnounce: setAnnouncement });
  const { playlist } = editor;
  const rows = useRef(new Map<string, HTMLLIElement>());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [dragKey, setDragKey] = useState<string | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const locked = editor.conflict !== null || editor.waiting;

  // A moved row keeps the keyboard focus wherever it lands: moving a node in the DOM can drop focus
  // to the page, and then it goes back to the row (never away from where the listener put it).
  useEffect(() => {
    if (!focusKey || (document.activeElement && document.activeElement !== document.body)) return;
    rows.current.get(focusKey)?.focus();
  }, [focusKey, playlist?.tracks]);

  // Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac) undo and redo, except while typing in a field.
  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "z" || typing(event.target)) return;
    event.preventDefault();
    if (event.shiftKey) editor.redo();
    else editor.undo();
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (editor.query.isPending) {
    return (
      <div className="flex flex-col gap-2" aria-busy="true">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-14" />
        ))}
      </div>
    );
  }
  if (!playlist) return <QueryError error={editor.query.error} onRetry={() => void editor.query.refetch()} />;

  const count = playlist.tracks.length;
  const move = (track: PlaylistTrack, from: number, to: number) => {
    if (to < 0 || to >= count || to === from) return;
    if (editor.edit({ op: "move", key: track.key, to })) {
      setFocusKey(track.key);
      setAnnouncement(`Moved ${track.name} to position ${to + 1} of ${count}.`);
    }
  };
  const dragHandlers = (track: PlaylistTrack, index: number) => ({
    onDragStart: (event: DragEvent<HTMLLIElement>) => {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", track.key);
      setDragKey(track.key);
    },
    onDragOver: (event: DragEvent<HTMLLIElement>) => {
      if (!dragKey) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setDropIndex(index);
    },
    onDrop: (event: DragEvent<HTMLLIElement>) => {
      event.preventDefault();
      const from = playlist.tracks.findIndex((entry) => entry.key === dragKey);
      const dragged = playlist.tracks[from];
      if (dragged) move(dragged, from, index);
      setDragKey(null);
      setDropIndex(null);
    },
    onDragEnd: () => {
      setDragKey(null);
      setDropIndex(null);
    },
    target: dropIndex === index && dragKey !== track.key,
    dragging: dragKey === track.key,
  });
  const pinned = playlist.tracks.filter((track) => track.pinned).length;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={playlist.name}
        description={
          <>
            {playlist.description || "No description yet."}{" "}
            <Link href="/playlists" className="whitespace-nowrap underline underline-offset-2">
              All playlists
            </Link>
          </>
        }
      />
      <p aria-live="polite" className="sr-only" data-testid="editor-announcement">
        {announcement}
      </p>
      {editor.conflict ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-destructive/40 px-4 py-3 text-sm"
          data-testid="conflict"
        >
          <span>{editor.conflict}</span>
          <Button type="button" size="sm" variant="outline" onClick={() => void editor.reload()}>
            <RotateCwIcon aria-hidden="true" />
            Reload
          </Button>
        </div>
      ) : null}
      {editor.error ? (
        <p role="alert" className="rounded-lg border border-destructive/40 px-4 py-3 text-sm" data-testid="edit-error">
          {editor.error}{" "}
          <button type="button" className="underline underline-offset-2" onClick={editor.dismissError}>
            Dismiss
          </button>
        </p>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" data-testid="playlist-meta">
          {count} {count === 1 ? "track" : "tracks"} · version {playlist.version}
          {playlist.latestVersion > playlist.version ? ` of ${playlist.latestVersion}` : ""}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <PlaylistActions playlist={playlist} />
          <Button
            type="button"
            size="sm"
            variant="outline"
            onClick={() => editor.undo()}
            disabled={locked || playlist.version <= 1}
            title="Undo (Ctrl+Z)"
            aria-keyshortcuts="Control+Z"
          >
            <Undo2Icon aria-hidden="true" />
            Undo
          </Button>
          <Button
            type="button"
            size="sm"
            variant="outline"
            onClick={() => editor.redo()}
            disabled={locked || playlist.version >= playlist.latestVersion}
            title="Redo (Ctrl+Shift+Z)"
            aria-keyshortcuts="Control+Shift+Z"
          >
            <Redo2Icon aria-hidden="true" />
            Redo
          </Button>
        </div>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="tracks-heading" className="min-w-0">
          <h2 id="tracks-heading" className="sr-only">
            Tracks
          </h2>
          {count === 0 ? (
            <EmptyState Icon={ListMusicIcon} title="No tracks yet">
              <p>Search the catalogue beside the list to add tracks, or tune the playlist with a few words.</p>
            </EmptyState>
          ) : (
            <ol className="flex flex-col gap-1.5" data-testid="playlist-tracks" aria-describedby="reorder-hint">
              {playlist.tracks.map((track, index) => (
                <TrackRow
                  key={track.key}
                  track={track}
                  position={index}
                  count={count}
                  disabled={locked}
                  rowRef={(element) => {
                    if (element) rows.current.set(track.key, element);
                    else rows.current.delete(track.key);
                  }}
                  drag={dragHandlers(track, index)}
                  actions={{
                    move: (to) => move(track, index, to),
                    remove: () => {
                      if (editor.edit({ op: "remove", key: track.key })) setAnnouncement(`Removed ${track.name}.`);
                    },
                    pin: (on) => {
                      if (editor.edit({ op: "pin", key: track.key, pinned: on }))
                        setAnnouncement(`${on ? "Pinned" : "Unpinned"} ${track.name}.`);
                    },
                  }}
                />
              ))}
            </ol>
          )}
          <p id="reorder-hint" className="mt-2 text-xs text-muted-foreground">
            Drag a track, or focus it and press Alt+Up or Alt+Down, to change its place.
          </p>
        </section>
        <div className="flex flex-col gap-4">
          <PlaylistDetails
            key={`${playlist.name}\n${playlist.description}`}
            name={playlist.name}
            description={playlist.description}
            disabled={locked}
            onRename={(name) => {
              if (editor.edit({ op: "rename", name })) setAnnouncement(`Renamed to ${name.trim()}.`);
            }}
            onDescribe={(description) => {
              if (editor.edit({ op: "describe", description })) setAnnouncement("Description saved.");
            }}
          />
          <TuneForm onTune={(prompt) => editor.tune(prompt)} busy={editor.pendingKind === "tune"} disabled={locked} pinned={pinned} />
          <AddTracks
            present={new Set(playlist.tracks.map((track) => track.key))}
            disabled={locked}
            onAdd={(track) => {
              if (editor.edit({ op: "add", tracks: [track] })) setAnnouncement(`Added ${track.name}.`);
            }}
          />
          <VersionHistory id={id} onRestore={(version) => editor.restore(version)} disabled={locked} />
        </div>
      </div>
    </div>
  );
}
