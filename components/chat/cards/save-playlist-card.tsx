"use client";

import { CheckIcon, ExternalLinkIcon, ListMusicIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { ChatMessage } from "@/lib/assistant/client";
import { cn } from "@/lib/utils";
import { playlistTracksFor } from "../playlist-draft";
import { ToolError, ToolLoading, TrackArt } from "./shared";
import type { SavePlaylistPart } from "../tool-parts";

/**
 * Saving a playlist writes to the listener's Spotify account, so the server waits for a yes: this
 * card shows exactly what would be saved and asks.
 */
export function ApprovalCard({
  part,
  messages,
  busy,
  expired = false,
  onRespond,
}: {
  part: SavePlaylistPart;
  messages: readonly ChatMessage[];
  /** A response is streaming: answering now would race it. */
  busy: boolean;
  /** The conversation has moved on: an approval here would no longer reach the assistant. */
  expired?: boolean;
  onRespond: (approvalId: string, approved: boolean) => void;
}) {
  const headingId = useId();
  const [answered, setAnswered] = useState(false);

  if (part.state === "input-streaming" || part.state === "input-available") return <ToolLoading label="Preparing the playlist…" />;
  if (part.state === "output-error") return <ToolError label="The playlist could not be saved" errorText={part.errorText} />;

  const frame = (state: string, children: ReactNode, tone: "default" | "done" | "muted" = "default") => (
    <section
      data-testid="approval-card"
      data-state={state}
      aria-labelledby={headingId}
      className={cn(
        "rounded-xl border p-4 text-sm shadow-sm",
        tone === "default" ? "border-primary/40 bg-card" : "bg-card",
        tone === "muted" && "text-muted-foreground",
      )}
    >
      {children}
    </section>
  );

  if (part.state === "output-available") {
    const { output } = part;
    const stored = output.storedPlaylistId ? (
      <Link
        href={`/playlists/${encodeURIComponent(output.storedPlaylistId)}`}
        className="inline-flex items-center gap-1 font-medium text-brand-text underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        data-testid="stored-playlist-link"
      >
        {output.saved ? "Open in Playlists" : "Open in Playlists to retry"}
      </Link>
    ) : null;
    if (!output.saved) {
      return frame(
        part.state,
        <>
          <h3 id={headingId} className="font-semibold">
            {output.storedPlaylistId ? "Kept in your playlists, not on Spotify yet" : "Not saved"}
          </h3>
          <p className="mt-1 text-muted-foreground">{output.summary}</p>
          {stored ? <p className="mt-2">{stored}</p> : null}
        </>,
        "muted",
      );
    }
    return frame(
      part.state,
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <CheckIcon className="size-4 text-primary" aria-hidden="true" />
        <h3 id={headingId} className="font-semibold">
          Saved to Spotify
        </h3>
        <span className="text-muted-foreground">
          {output.name} · {output.trackCount} {output.trackCount === 1 ? "track" : "tracks"}
        </span>
        {output.url ? (
          <a
            href={output.url}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1 font-medium text-brand-text underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            Open in Spotify
            <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        ) : null}
        {stored}
      </div>,
      "done",
    );
  }

  if (part.state === "output-denied" || (part.state === "approval-responded" && !part.approval.approved)) {
    return frame(
      part.state,
      <div className="flex items-center gap-2">
        <XIcon className="size-4" aria-hidden="true" />
        <h3 id={headingId} className="font-semibold">
          Not saved
        </h3>
        <span>· {part.input.name}</span>
      </div>,
      "muted",
    );
  }

  if (part.state === "approval-responded") return <ToolLoading label="Saving to Spotify…" />;

  // approval-requested
  if (expired) {
    return frame(
      part.state,
      <>
        <h3 id={headingId} className="font-semibold">
          Not saved · {part.input.name}
        </h3>
        <p className="mt-1 text-muted-foreground">This request has expired. Ask for the playlist again to save it.</p>
      </>,
      "muted",
    );
  }
  const tracks = playlistTracksFor(messages, part.input.trackKeys);
  const disabled = busy || answered || part.approval.isAutomatic === true;
  const respond = (approved: boolean) => {
    setAnswered(true);
    onRespond(part.approval.id, approved);
  };
  return frame(
    part.state,
    <>
      <div className="flex items-start gap-2">
        <ListMusicIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold">
            Save “{part.input.name}” to Spotify?
          </h3>
          <p className="text-xs text-muted-foreground">
            A new playlist with {tracks.length} {tracks.length === 1 ? "track" : "tracks"} will be created in your Spotify account.
            {part.input.description ? ` ${part.input.description}` : ""}
          </p>
        </div>
      </div>
      <ol
        aria-label="Tracks to save"
        className="mt-3 flex max-h-72 flex-col gap-1 overflow-y-auto"
        tabIndex={tracks.length > 6 ? 0 : undefined}
      >
        {tracks.map(({ key, track }, index) => (
          <li key={key} data-testid="approval-track" data-key={key} className="flex items-center gap-3 py-1">
            <span className="w-5 shrink-0 text-right text-xs text-muted-foreground tabular-nums">{index + 1}.</span>
            {track ? (
              <>
                <TrackArt track={track} size={36} />
                <span className="min-w-0 truncate">
                  {track.name} <span className="text-muted-foreground">· {track.artist}</span>
                </span>
              </>
            ) : (
              <code className="min-w-0 truncate text-xs">{key}</code>
            )}
          </li>
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button type="button" size="sm" disabled={disabled} onClick={() => respond(true)}>
          Save to Spotify
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={disabled} onClick={() => respond(false)}>
          Cancel
        </Button>
      </div>
    </>,
  );
}
