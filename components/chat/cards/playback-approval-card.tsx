"use client";

import { ListPlusIcon, PlayIcon } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ToolPartOf } from "../tool-parts";

type PlaybackPart = ToolPartOf<"playback">;

/**
 * Starting playback acts on the listener's speakers, so the server waits for a yes, as for
 * saving a playlist: this card says what would play (or be queued) and asks.
 */
export function PlaybackApprovalCard({
  part,
  busy,
  expired = false,
  onRespond,
}: {
  part: Extract<PlaybackPart, { state: "approval-requested" }>;
  busy: boolean;
  expired?: boolean;
  onRespond: (approvalId: string, approved: boolean) => void;
}) {
  const headingId = useId();
  const [answered, setAnswered] = useState(false);
  const { action, query, trackKeys } = part.input;
  const what = query ? `“${query}”` : trackKeys && trackKeys.length !== 1 ? `${trackKeys.length} tracks` : "this track";
  const question = action === "queue" ? `Add ${what} to your Spotify queue?` : `Play ${what} on Spotify?`;
  if (expired)
    return (
      <section
        data-testid="playback-approval"
        data-state="expired"
        aria-labelledby={headingId}
        className="rounded-xl border bg-card p-4 text-sm text-muted-foreground"
      >
        <h3 id={headingId} className="font-semibold">
          Not played
        </h3>
        <p className="mt-1">This request has expired. Ask again to play it.</p>
      </section>
    );
  const disabled = busy || answered || part.approval.isAutomatic === true;
  const respond = (approved: boolean) => {
    setAnswered(true);
    onRespond(part.approval.id, approved);
  };
  const Icon = action === "queue" ? ListPlusIcon : PlayIcon;
  return (
    <section
      data-testid="playback-approval"
      data-state={part.state}
      aria-labelledby={headingId}
      className="rounded-xl border border-primary/40 bg-card p-4 text-sm shadow-sm"
    >
      <div className="flex items-start gap-2">
        <Icon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold">
            {question}
          </h3>
          <p className="text-xs text-muted-foreground">It will play on the Spotify device you are using now.</p>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" size="sm" disabled={disabled} onClick={() => respond(true)}>
          {action === "queue" ? "Add to queue" : "Play"}
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={disabled} onClick={() => respond(false)}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
