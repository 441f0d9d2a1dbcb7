import { AlertTriangleIcon, ChartColumnIcon, HistoryIcon, ListMusicIcon, MusicIcon, PlayIcon, SparklesIcon } from "lucide-react";
import type { ReactNode } from "react";
import { formatCount } from "@/components/charts/format";
import { formatDay, formatShare, hourRange } from "@/components/insights/format";
import { Skeleton } from "@/components/ui/skeleton";
import type {
  ListeningStatsOutput,
  PlaybackOutput,
  SearchHistoryOutput,
  TasteOutput,
  TrackCard as Track,
} from "@/lib/assistant/types";
import { cn } from "@/lib/utils";
import { PLAYBACK_PROBLEMS } from "./format";
import { toolNameOf, type ChatToolPart, type ToolName } from "./tool-parts";

const WORKING: Record<ToolName, string> = {
  listeningStats: "Counting your plays…",
  searchHistory: "Searching your history…",
  recommend: "Picking recommendations…",
  searchCatalog: "Searching the catalogue…",
  explainTaste: "Reading your taste…",
  buildPlaylist: "Building the playlist…",
  savePlaylist: "Preparing the playlist…",
  playback: "Talking to Spotify…",
};

const FAILED: Record<ToolName, string> = {
  listeningStats: "Your listening stats could not be counted",
  searchHistory: "Your history could not be searched",
  recommend: "Recommendations could not be picked",
  searchCatalog: "The catalogue could not be searched",
  explainTaste: "Your taste could not be read",
  buildPlaylist: "The playlist could not be built",
  savePlaylist: "The playlist could not be saved",
  playback: "Spotify could not be controlled",
};

/** "2024-03-05" or an ISO instant → "5 Mar 2024". */
const day = (date: string) => formatDay(date.slice(0, 10));

function ToolFrame({ Icon, title, description, children, className, ...rest }: {
  Icon: typeof MusicIcon;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  className?: string;
  "data-testid": string;
  "data-tool"?: string;
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

function StatsCard({ output }: { output: ListeningStatsOutput }) {
  const { totals, range } = output;
  const figures = [
    { label: "Minutes", value: formatCount(totals.minutes) },
    { label: "Plays", value: formatCount(totals.plays) },
    { label: "Artists", value: formatCount(totals.artists) },
    { label: "Tracks", value: formatCount(totals.tracks) },
  ];
  return (
    <ToolFrame
      data-testid="stats-card"
      Icon={ChartColumnIcon}
      title={`Listening stats: ${range.label}`}
      description={`${day(range.fromDate)} – ${day(range.toDate)}${output.busiestHour === null ? "" : ` · busiest hour ${hourRange(output.busiestHour)}`}`}
    >
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {figures.map((figure) => (
          <div key={figure.label} className="rounded-lg bg-muted/50 px-3 py-2">
            <dt className="text-xs text-muted-foreground">{figure.label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{figure.value}</dd>
          </div>
        ))}
      </dl>
      {output.topArtists.length > 0 || output.topTracks.length > 0 ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {output.topArtists.length > 0 ? (
            <div>
              <h4 className="mb-1 text-xs font-medium text-muted-foreground">Top artists</h4>
              <ol className="flex flex-col gap-1 text-sm">
                {output.topArtists.map((artist, index) => (
                  <li key={artist.name} className="flex justify-between gap-2">
                    <span className="min-w-0 truncate">
                      <span className="mr-1.5 text-muted-foreground tabular-nums">{index + 1}.</span>
                      {artist.name}
                    </span>
                    <span className="shrink-0 text-muted-foreground tabular-nums">{formatCount(artist.plays, "play")}</span>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          {output.topTracks.length > 0 ? (
            <div>
              <h4 className="mb-1 text-xs font-medium text-muted-foreground">Top tracks</h4>
              <ol className="flex flex-col gap-1 text-sm">
                {output.topTracks.map((track, index) => (
                  <li key={`${track.artist}|${track.name}`} className="flex justify-between gap-2">
                    <span className="min-w-0 truncate">
                      <span className="mr-1.5 text-muted-foreground tabular-nums">{index + 1}.</span>
                      {track.name} <span className="text-muted-foreground">· {track.artist}</span>
                    </span>
                    <span className="shrink-0 text-muted-foreground tabular-nums">{formatCount(track.plays, "play")}</span>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      ) : null}
    </ToolFrame>
  );
}

function HistoryCard({ output }: { output: SearchHistoryOutput }) {
  return (
    <ToolFrame data-testid="history-card" Icon={HistoryIcon} title={`In your history: “${output.query}”`} description={output.matches.length === 0 ? output.summary : undefined}>
      {output.matches.length > 0 ? (
        <ul className="flex flex-col gap-2 text-sm">
          {output.matches.map((match) => (
            <li key={`${match.kind}|${match.artist ?? ""}|${match.name}`} className="flex flex-col">
              <span className="font-medium">
                {match.name}
                {match.artist ? <span className="font-normal text-muted-foreground"> · {match.artist}</span> : null}
                <span className="ml-1.5 rounded bg-accent px-1.5 py-0.5 text-xs font-normal text-accent-foreground">{match.kind === "artist" ? "Artist" : "Track"}</span>
              </span>
              <span className="text-xs text-muted-foreground">
                {formatCount(match.plays, "play")} · {formatCount(match.minutes, "minute")} · first {day(match.firstPlayedAt)}, last {day(match.lastPlayedAt)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </ToolFrame>
  );
}

function Shares({ title, items }: { title: string; items: Array<{ name: string; share: number }> }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h4 className="mb-1 text-xs font-medium text-muted-foreground">{title}</h4>
      <ul className="flex flex-col gap-1.5 text-sm">
        {items.map((item) => (
          <li key={item.name}>
            <div className="flex justify-between gap-2">
              <span className="min-w-0 truncate">{item.name}</span>
              <span className="shrink-0 text-muted-foreground tabular-nums">{formatShare(item.share)}</span>
            </div>
            <div aria-hidden="true" className="mt-0.5 h-1.5 rounded-full bg-muted">
              <div className="h-full rounded-full bg-primary" style={{ width: `${Math.min(100, Math.max(0, item.share * 100))}%` }} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TasteCard({ output }: { output: TasteOutput }) {
  return (
    <ToolFrame data-testid="taste-card" Icon={SparklesIcon} title="Your taste" description={output.summary}>
      <div className="grid gap-4 sm:grid-cols-3">
        <Shares title="Top artists" items={output.topArtists} />
        <Shares title="Top genres" items={output.topGenres} />
        <Shares title="Decades" items={output.decades.map((decade) => ({ name: decade.decade, share: decade.share }))} />
      </div>
      {output.habits.length > 0 ? (
        <>
          <h4 className="mt-4 mb-1 text-xs font-medium text-muted-foreground">Habits</h4>
          <ul className="list-disc pl-5 text-sm">
            {output.habits.map((habit) => (
              <li key={habit}>{habit}</li>
            ))}
          </ul>
        </>
      ) : null}
    </ToolFrame>
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
        {track.confidence < 0.8 ? <p className="mt-0.5 text-xs text-muted-foreground">Closest catalogue match</p> : null}
      </div>
    </li>
  );
}

function TrackListCard({ tool, title, description, tracks, dropped, summary }: {
  tool: ToolName;
  title: string;
  description?: string;
  tracks: Track[];
  dropped: number;
  summary: string;
}) {
  return (
    <ToolFrame data-testid="track-list-card" data-tool={tool} Icon={ListMusicIcon} title={title} description={description}>
      {tracks.length === 0 ? (
        <p className="text-sm text-muted-foreground">{summary}</p>
      ) : (
        <ol className="flex flex-col gap-1">
          {tracks.map((track) => (
            <TrackRow key={track.key} track={track} />
          ))}
        </ol>
      )}
      {dropped > 0 ? (
        <p className="mt-2 text-xs text-muted-foreground">
          {formatCount(dropped, "suggestion")} left out: {dropped === 1 ? "it" : "they"} did not match a real track.
        </p>
      ) : null}
    </ToolFrame>
  );
}

function PlaybackCard({ output }: { output: PlaybackOutput }) {
  const problem = output.ok ? null : output.problem ? PLAYBACK_PROBLEMS[output.problem] : output.summary;
  return (
    <section
      data-testid="playback-card"
      data-ok={output.ok}
      data-problem={output.problem}
      className={cn("flex items-start gap-3 rounded-xl border p-4 text-sm", output.ok ? "bg-card" : "border-destructive/40 bg-destructive/5")}
    >
      {output.ok ? (
        <PlayIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      ) : (
        <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />
      )}
      <div>
        <h3 className="font-semibold">
          {output.ok ? (output.action === "play" ? "Playing on Spotify" : "Added to your Spotify queue") : output.action === "play" ? "Could not play" : "Could not add to the queue"}
        </h3>
        <p className="mt-0.5 text-muted-foreground">{problem ?? output.summary}</p>
      </div>
    </section>
  );
}

/** The card for one tool part (savePlaylist has its own approval card). */
export function ToolCard({ part }: { part: ChatToolPart }) {
  const name = toolNameOf(part);
  switch (part.state) {
    case "input-streaming":
    case "input-available":
    case "approval-requested":
    case "approval-responded":
      return <ToolLoading label={WORKING[name]} />;
    case "output-error":
      return <ToolError label={FAILED[name]} errorText={part.errorText} />;
    case "output-denied":
      return <p className="text-sm text-muted-foreground">Not run: you declined it.</p>;
  }
  switch (part.type) {
    case "tool-listeningStats":
      return <StatsCard output={part.output} />;
    case "tool-searchHistory":
      return <HistoryCard output={part.output} />;
    case "tool-recommend":
      return <TrackListCard tool={name} title="Recommendations" {...part.output} />;
    case "tool-searchCatalog":
      return <TrackListCard tool={name} title="Found in the catalogue" {...part.output} />;
    case "tool-buildPlaylist":
      return (
        <TrackListCard
          tool={name}
          title={`Playlist draft: ${part.output.name}`}
          description={part.output.description || undefined}
          tracks={part.output.tracks}
          dropped={part.output.dropped}
          summary={part.output.summary}
        />
      );
    case "tool-explainTaste":
      return <TasteCard output={part.output} />;
    case "tool-playback":
      return <PlaybackCard output={part.output} />;
    case "tool-savePlaylist":
      return null;
  }
}
