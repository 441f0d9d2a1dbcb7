"use client";

import { ArrowDownIcon, ArrowUpIcon, GripVerticalIcon, PinIcon, PinOffIcon, XIcon } from "lucide-react";
import type { DragEvent, KeyboardEvent, Ref } from "react";
import { TrackPlayButtons } from "@/components/player/player-controls";
import { Button } from "@/components/ui/button";
import type { PlaylistTrack } from "@/lib/playlists/client";
import { cn } from "@/lib/utils";

export interface TrackRowActions {
  move: (to: number) => void;
  remove: () => void;
  pin: (pinned: boolean) => void;
}

export interface TrackRowDrag {
  onDragStart: (event: DragEvent<HTMLLIElement>) => void;
  onDragOver: (event: DragEvent<HTMLLIElement>) => void;
  onDrop: (event: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
  /** A dragged track would land here. */
  target: boolean;
  dragging: boolean;
}

function formatDuration(ms: number | null): string | null {
  if (ms === null) return null;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * One track of the editor. The row itself is focusable: Alt+ArrowUp / Alt+ArrowDown move it (the
 * Move up / Move down buttons do the same for pointer and screen-reader users), and it can be
 * dragged by mouse. Pinned tracks stay when the playlist is tuned.
 */
export function TrackRow({
  track,
  position,
  count,
  actions,
  drag,
  rowRef,
  disabled,
}: {
  track: PlaylistTrack;
  position: number;
  count: number;
  actions: TrackRowActions;
  drag: TrackRowDrag;
  rowRef: Ref<HTMLLIElement>;
  disabled: boolean;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!event.altKey || event.target !== event.currentTarget) return;
    if (event.key === "ArrowUp" && position > 0) {
      event.preventDefault();
      actions.move(position - 1);
    } else if (event.key === "ArrowDown" && position < count - 1) {
      event.preventDefault();
      actions.move(position + 1);
    }
  };
  const duration = formatDuration(track.durationMs);
  return (
    <li
      ref={rowRef}
      tabIndex={0}
      draggable={!disabled}
      data-testid="playlist-track"
      data-key={track.key}
      aria-label={`${position + 1}. ${track.name} by ${track.artistName}${track.pinned ? ", pinned" : ""}. Alt+Up or Alt+Down moves it.`}
      onKeyDown={onKeyDown}
      onDragStart={drag.onDragStart}
      onDragOver={drag.onDragOver}
      onDrop={drag.onDrop}
      onDragEnd={drag.onDragEnd}
      className={cn(
        "group flex items-center gap-2 rounded-lg border bg-card px-2 py-2 outline-none focus-visible:ring-2 focus-visible:ring-ring sm:gap-3",
        drag.target && "border-primary",
        drag.dragging && "opacity-50",
      )}
    >
      <GripVerticalIcon aria-hidden="true" className="hidden size-4 shrink-0 cursor-grab text-muted-foreground sm:block" />
      <span className="w-7 shrink-0 text-right text-sm tabular-nums text-muted-foreground">{position + 1}</span>
      {track.imageUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- covers come from Spotify's CDN or the demo's generated art
        <img src={track.imageUrl} alt="" width={40} height={40} loading="lazy" className="size-10 shrink-0 rounded object-cover" />
      ) : (
        <span aria-hidden="true" className="size-10 shrink-0 rounded bg-muted" />
      )}
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium" data-testid="playlist-track-name">
          {track.name}
        </span>
        <span className="block truncate text-sm text-muted-foreground">
          {track.artistName}
          {track.albumName ? ` · ${track.albumName}` : ""}
          {duration ? ` · ${duration}` : ""}
        </span>
        {track.reason || track.from ? (
          <span className="hidden truncate text-xs text-muted-foreground md:block">
            {track.from ? `From ${track.from}'s taste. ` : ""}
            {track.reason}
          </span>
        ) : null}
      </span>
      <span className="flex shrink-0 items-center gap-0.5">
        <TrackPlayButtons uri={track.key} label={`“${track.name}”`} />
        <Button
          type="button"
          size="icon"
          variant="ghost"
          className="size-8"
          aria-label={`Move up: ${track.name}`}
          title="Move up (Alt+Up)"
          disabled={disabled || position === 0}
          onClick={() => actions.move(position - 1)}
        >
          <ArrowUpIcon aria-hidden="true" />
        </Button>
        <Button
          type="button"
          size="icon"
          variant="ghost"
          className="size-8"
          aria-label={`Move down: ${track.name}`}
          title="Move down (Alt+Down)"
          disabled={disabled || position === count - 1}
          onClick={() => actions.move(position + 1)}
        >
          <ArrowDownIcon aria-hidden="true" />
        </Button>
        <Button
          type="button"
          size="icon"
          variant="ghost"
          className="size-8"
          aria-label={`${track.pinned ? "Unpin" : "Pin"}: ${track.name}`}
          aria-pressed={track.pinned}
          title={track.pinned ? "Unpin (Tune may replace it)" : "Pin (Tune keeps it)"}
          disabled={disabled}
          onClick={() => actions.pin(!track.pinned)}
        >
          {track.pinned ? <PinIcon aria-hidden="true" className="fill-current" /> : <PinOffIcon aria-hidden="true" />}
        </Button>
        <Button
          type="button"
          size="icon"
          variant="ghost"
          className="size-8"
          aria-label={`Remove: ${track.name}`}
          title="Remove from the playlist"
          disabled={disabled}
          onClick={actions.remove}
        >
          <XIcon aria-hidden="true" />
        </Button>
      </span>
    </li>
  );
}
