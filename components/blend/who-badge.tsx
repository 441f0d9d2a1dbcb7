import type { BlendTrack } from "@/lib/blend/client";
import { cn } from "@/lib/utils";

/**
 * Whose taste a pick comes from, as words (never colour alone): "You", the partner's name, or
 * "Both of you". The shapes differ too (solid, dashed, double), so it reads without colour.
 */
export function WhoBadge({ track, partnerName }: { track: Pick<BlendTrack, "who" | "from">; partnerName: string }) {
  const label =
    track.who === "you" ? "You" : track.who === "partner" ? partnerName : track.who === "both" ? "Both of you" : (track.from ?? "");
  if (!label) return null;
  return (
    <span
      data-testid="pick-from"
      data-who={track.who ?? "other"}
      className={cn(
        "inline-flex max-w-full shrink-0 items-center truncate rounded-full border px-2 py-0.5 text-xs font-medium",
        track.who === "you" && "border-primary/60 bg-primary/15 text-foreground",
        track.who === "partner" && "border-dashed border-foreground/40 bg-secondary text-secondary-foreground",
        track.who === "both" && "border-double border-[3px] border-brand-text/60 bg-accent text-accent-foreground",
      )}
    >
      <span className="sr-only">From the taste of: </span>
      {label}
    </span>
  );
}
