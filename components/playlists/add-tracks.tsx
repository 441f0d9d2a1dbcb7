"use client";

import { useQuery } from "@tanstack/react-query";
import { PlusIcon, SearchIcon } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { playlistQueries, playlistRequests, type PlaylistTrackInput } from "@/lib/playlists/client";

/** Search the catalogue (Spotify's, or the demo's) and add a result to the end of the playlist. */
export function AddTracks({
  present,
  onAdd,
  disabled,
}: {
  present: ReadonlySet<string>;
  onAdd: (track: PlaylistTrackInput) => void;
  disabled: boolean;
}) {
  const inputId = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const results = useQuery({
    queryKey: [...playlistQueries.all, "search", query] as const,
    queryFn: ({ signal }) => playlistRequests.search(query, signal),
    enabled: query.length > 0,
    staleTime: 60_000,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };
  return (
    <section aria-labelledby="add-heading" className="rounded-xl border bg-card p-4">
      <h2 id="add-heading" className="font-semibold">
        Add tracks
      </h2>
      <form role="search" onSubmit={submit} className="mt-3 flex gap-2">
        <label htmlFor={inputId} className="sr-only">
          Search the catalogue by title or artist
        </label>
        <input
          id={inputId}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Title or artist"
          maxLength={200}
          className="h-9 min-w-0 flex-1 rounded-md border bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
        <Button type="submit" size="sm" variant="outline" disabled={text.trim().length === 0}>
          <SearchIcon aria-hidden="true" />
          Search
        </Button>
      </form>
      <QueryError error={results.error} onRetry={() => void results.refetch()} className="mt-3" />
      {results.isFetching ? <p className="mt-3 text-sm text-muted-foreground">Searching…</p> : null}
      {results.data && !results.isFetching ? (
        results.data.length === 0 ? (
          <p className="mt-3 text-sm text-muted-foreground">Nothing found for “{query}”. Try fewer words or another spelling.</p>
        ) : (
          <ul className="mt-3 flex flex-col gap-1 text-sm" data-testid="search-results">
            {results.data.map((track) => {
              const there = present.has(track.key);
              return (
                <li key={track.key} className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate">
                    {track.name} <span className="text-muted-foreground">· {track.artistName}</span>
                  </span>
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    className="shrink-0"
                    disabled={disabled || there}
                    aria-label={there ? `${track.name} is in the playlist` : `Add: ${track.name}`}
                    onClick={() => onAdd(track)}
                  >
                    <PlusIcon aria-hidden="true" />
                    {there ? "Added" : "Add"}
                  </Button>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </section>
  );
}
