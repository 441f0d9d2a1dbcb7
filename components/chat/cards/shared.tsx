/** What the tool cards share: their frame, the running and failed states, track art and rows. */
import { AlertTriangleIcon, MusicIcon } from "lucide-react";
import type { ComponentType, ReactNode } from "react";
import { formatDay } from "@/components/insights/format";
import { Skeleton } from "@/components/ui/skeleton";
import type { ChatTools, ToolName, TrackCard as Track } from "@/lib/assistant/client";
import { cn } from "@/lib/utils";

/** How one tool shows in the chat: words while it runs and when it fails, and the card for its output. */
export interface ToolCardSpec<Name extends ToolName> {
  working: string;
  failed: string;
  Card: ComponentType<{ output: ChatTools[Name]["output"] }>;
}

/** "2024-03-05" or an ISO instant → "5 Mar 2024". */
export const day = (date: string) => formatDay(date.slice(0, 10));

export function ToolFrame({
  Icon,
  title,
  description,
  children,
  className,
  ...rest
}: {
  Icon: typeof MusicIcon;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  className?: string;
  "data-testid": string;
  "data-tool"?: string;
  "data-status"?: string;
}) {
  return (
    <section className={cn("rounded-xl border bg-card p-4 text-card-foreground shadow-sm", className)} {...rest}>
      <header className="mb-3 flex items-start gap-2">
        <Icon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        <div className="min-w-0">
          <h3 className="text-sm leading-tight font-semibold">{title}</h3>
          {description ? <p className="mt-0.5 text-xs text-muted-foreground">{description}</p> : null}
        </div>
      </header>
      {children}
    </section>
  );
}

/** A card-sized placeholder while a tool runs. */
export function ToolLoading({ label }: { label: string }) {
  return (
    <div data-testid="tool-loading" aria-busy="true" className="flex flex-col gap-2 rounded-xl border bg-card p-4">
      <p className="text-sm text-muted-foreground">{label}</p>
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
      <Skeleton className="h-4 w-3/5" />
    </div>
  );
}

export function ToolError({ label, errorText }: { label: string; errorText: string }) {
  return (
    <p data-testid="tool-error" className="flex items-start gap-2 rounded-lg border border-destructive/40 px-3 py-2 text-sm">
      <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />
      <span>
        {label}. <span className="text-muted-foreground">{errorText}</span>
      </span>
    </p>
  );
}

/** Album art, or a plain tile where the catalogue had none. */
export function TrackArt({ track, size = 56 }: { track: Pick<Track, "imageUrl" | "name" | "album">; size?: number }) {
  const style = { width: size, height: size };
  return track.imageUrl ? (
    // eslint-disable-next-line @next/next/no-img-element -- art from the catalogue's own URLs, fixed size
    <img
      src={track.imageUrl}
      alt={track.album ? `Cover of ${track.album}` : `Cover of ${track.name}`}
      width={size}
      height={size}
      loading="lazy"
      style={style}
      className="shrink-0 rounded-md bg-muted object-cover"
    />
  ) : (
    <span aria-hidden="true" style={style} className="flex shrink-0 items-center justify-center rounded-md bg-muted text-muted-foreground">
      <MusicIcon className="size-5" />
    </span>
  );
}

/** One track of a list: art, title, artist and why it is there. */
export function TrackRow({ track }: { track: Track }) {
  return (
    <li data-testid="track-card" data-key={track.key} className="flex gap-3 rounded-lg p-2 hover:bg-accent/40">
      <TrackArt track={track} />
      <div className="flex min-w-0 flex-1 flex-col">
        <p className="truncate text-sm font-medium" title={track.name}>
          {track.name}
        </p>
        <p className="truncate text-sm text-muted-foreground">
          {track.artist}
          {track.album ? <span> · {track.album}</span> : null}
        </p>
        {track.explanation ? <p className="mt-0.5 text-xs text-muted-foreground">{track.explanation}</p> : null}
        {track.source === "history" ? (
          <p className="mt-0.5 text-xs text-muted-foreground">
            From your listening history; not matched to a Spotify track, so it can&apos;t be saved
          </p>
        ) : track.confidence < 0.8 ? (
          <p className="mt-0.5 text-xs text-muted-foreground">Closest catalogue match</p>
        ) : null}
      </div>
    </li>
  );
}
