"use client";

import {
  ClockIcon,
  ExternalLinkIcon,
  ListPlusIcon,
  PauseIcon,
  PlayIcon,
  SparklesIcon,
  ThumbsUpIcon,
  UserXIcon,
  type LucideIcon,
} from "lucide-react";
import { PlayOnSpotifyButton } from "@/components/player/player-controls";
import { Button } from "@/components/ui/button";
import { spotifyUrlOf, type Recommendation } from "@/lib/reco/client";
import { cn } from "@/lib/utils";
import type { PreviewState } from "./use-preview";

const SOURCE_LABELS: Record<Recommendation["source"], string> = {
  rotation: "On repeat",
  forgotten: "Forgotten favourite",
  session: "From your sessions",
  collaborative: "Listeners like you",
  catalogue: "More from a favourite",
};

/** Compact on a phone (still 32 px tall), the usual size from sm up. */
const ACTION = "h-8 gap-1.5 px-2.5 sm:h-9 sm:gap-2 sm:px-3";

export interface PickActions {
  like: (on: boolean) => void;
  notNow: () => void;
  blockArtist: () => void;
  moreLikeThis: () => void;
  preview: () => void;
  addToDraft: () => void;
}

/**
 * One pick: art, title, artist, why it was picked, and its actions. Every action shows its words
 * and has an accessible name that starts with them and names the track (or artist), so a screen
 * reader's list of buttons says which card each belongs to.
 */
export function PickCard({
  item,
  liked,
  catalogue,
  preview,
  actions,
}: {
  item: Recommendation;
  liked: boolean;
  catalogue: "spotify" | "demo";
  /** The page's preview player, when this pick's clip is the loaded one. */
  preview: PreviewState | null;
  actions: PickActions;
}) {
  const playing = preview?.playing === true;
  const length = Math.round(preview?.duration || 30);
  const at = Math.min(length, Math.round(preview?.position ?? 0));
  return (
    <li
      className="flex flex-col gap-3 rounded-xl border bg-card p-3 sm:p-4"
      data-testid="recommendation"
      data-artist={item.artist}
      data-key={item.key}
    >
      <div className="flex gap-3">
        {item.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- art from the catalogue's own URLs, fixed size
          <img
            src={item.imageUrl}
            alt=""
            width={64}
            height={64}
            loading="lazy"
            className="size-16 shrink-0 rounded-md bg-muted object-cover"
          />
        ) : (
          <span aria-hidden="true" className="size-16 shrink-0 rounded-md bg-muted" />
        )}
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <h3 className="truncate font-medium" title={item.name} data-testid="pick-name">
            {item.name}
          </h3>
          <p className="truncate text-sm text-muted-foreground">{item.artist}</p>
          <p className="text-xs text-muted-foreground">
            <span className="mr-1 rounded bg-accent px-1.5 py-0.5 font-medium text-accent-foreground">{SOURCE_LABELS[item.source]}</span>
            <span data-testid="why">{item.explanation}</span>
          </p>
        </div>
      </div>

      {preview ? (
        <div className="flex items-center gap-2 text-xs text-muted-foreground">
          <div
            role="progressbar"
            aria-label={`Preview of ${item.name}`}
            aria-valuemin={0}
            aria-valuemax={length}
            aria-valuenow={at}
            aria-valuetext={`${at} s of ${length} s`}
            className="h-1.5 flex-1 overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full bg-primary transition-[width]" style={{ width: `${(at / length) * 100}%` }} />
          </div>
          <span aria-hidden="true" className="tabular-nums">
            {at} s / {length} s
          </span>
        </div>
      ) : null}

      <div role="group" aria-label={`Actions for ${item.name}`} className="flex flex-wrap gap-1.5">
        <Button
          type="button"
          size="sm"
          className={ACTION}
          variant={liked ? "secondary" : "outline"}
          aria-pressed={liked}
          aria-label={`Like ${item.name}`}
          onClick={() => actions.like(!liked)}
        >
          <ThumbsUpIcon aria-hidden="true" className={cn(liked && "fill-current")} />
          Like
        </Button>
        <Action icon={ClockIcon} label="Not now" name={`Not now: ${item.name}`} onClick={actions.notNow} />
        <Action
          icon={UserXIcon}
          label="No more of this artist"
          name={`No more of this artist: ${item.artist}`}
          onClick={actions.blockArtist}
        />
        <Action icon={SparklesIcon} label="More like this" name={`More like this: ${item.name}`} onClick={actions.moreLikeThis} />
        {item.previewUrl ? (
          <Action
            icon={playing ? PauseIcon : PlayIcon}
            label={playing ? "Pause preview" : "Play preview"}
            name={`${playing ? "Pause" : "Play"} preview: ${item.name}`}
            onClick={actions.preview}
          />
        ) : null}
        {item.trackId ? <PlayOnSpotifyButton uri={`spotify:track:${item.trackId}`} label={item.name} className={ACTION} /> : null}
        <Button asChild size="sm" className={ACTION} variant="outline">
          <a
            href={spotifyUrlOf(item, catalogue)}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={`Open in Spotify: ${item.name} (opens in a new tab)`}
            data-testid="open-in-spotify"
          >
            <ExternalLinkIcon aria-hidden="true" />
            Open in Spotify
          </a>
        </Button>
        <Action icon={ListPlusIcon} label="Add to draft" name={`Add to draft: ${item.name}`} onClick={actions.addToDraft} />
      </div>
    </li>
  );
}

/** An action on a pick: its words visible, an accessible name that says which pick it acts on. */
function Action({ icon: Icon, label, name, onClick }: { icon: LucideIcon; label: string; name: string; onClick: () => void }) {
  return (
    <Button type="button" size="sm" className={ACTION} variant="outline" aria-label={name} onClick={onClick}>
      <Icon aria-hidden="true" />
      {label}
    </Button>
  );
}
