"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BanIcon, ClockIcon, ListPlusIcon, ThumbsDownIcon, ThumbsUpIcon, XIcon } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useCallback, useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import {
  CONTEXTS,
  discoverSearch,
  readDiscoverParams,
  recoMutations,
  recoQueries,
  type ContextKind,
  type DiscoverParams,
  type FeedbackInput,
  type Recommendation,
  type RecoResponse,
} from "@/lib/reco/client";
import { cn } from "@/lib/utils";

const GROUPS: Array<{ kind: ContextKind; label: string }> = [
  { kind: "mood", label: "Moods" },
  { kind: "activity", label: "Activities" },
  { kind: "era", label: "Eras" },
  { kind: "time", label: "Time of day" },
];

const SOURCE_LABELS: Record<Recommendation["source"], string> = {
  rotation: "On repeat",
  forgotten: "Forgotten favourite",
  session: "From your sessions",
  collaborative: "Listeners like you",
  catalogue: "More from a favourite",
};

const DRAFT_KEY = "echotune.playlist-draft";

const EMPTY: Recommendation[] = [];
const draftListeners = new Set<() => void>();
let draftCache: { raw: string | null; items: Recommendation[] } = { raw: null, items: EMPTY };

function readDraft(): Recommendation[] {
  const raw = window.localStorage.getItem(DRAFT_KEY);
  if (raw === draftCache.raw) return draftCache.items;
  let items = EMPTY;
  try {
    const parsed = JSON.parse(raw ?? "[]") as unknown;
    if (Array.isArray(parsed)) items = parsed as Recommendation[];
  } catch {
    // A damaged draft starts empty.
  }
  draftCache = { raw, items };
  return items;
}

function subscribeDraft(listener: () => void) {
  draftListeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    draftListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The playlist draft, kept in this browser (localStorage) and shared by every tab. */
function useDraft() {
  const draft = useSyncExternalStore(subscribeDraft, readDraft, () => EMPTY);
  const save = (next: Recommendation[]) => {
    window.localStorage.setItem(DRAFT_KEY, JSON.stringify(next));
    for (const listener of draftListeners) listener();
  };
  return {
    draft,
    add: (item: Recommendation) => save(draft.some((each) => each.key === item.key) ? draft : [...draft, item]),
    remove: (key: string) => save(draft.filter((each) => each.key !== key)),
    clear: () => save([]),
  };
}

/** Discover: context chips, the familiar-to-new slider, and track cards with the reason for each. */
export function DiscoverView() {
  const searchParams = useSearchParams();
  const params = readDiscoverParams(searchParams);
  const query = useQuery({ ...recoQueries.recommendations(params), placeholderData: keepPreviousData });
  const client = useQueryClient();
  const [liked, setLiked] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState("");
  const sliderId = useId();
  const draft = useDraft();

  const navigate = useCallback((next: DiscoverParams) => {
    const search = discoverSearch(next);
    window.history.pushState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);

  const feedback = useMutation({
    ...recoMutations.feedback(),
    // Optimistic: the card goes (or is marked liked) at once; the server's next list follows.
    onMutate: async (input) => {
      const key = recoQueries.recommendations(params).queryKey;
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<RecoResponse>(key);
      if (previous && input.kind && input.kind !== "like") {
        const artistName = input.target === "artist" ? input.itemId.toLowerCase() : null;
        client.setQueryData<RecoResponse>(key, {
          ...previous,
          items: previous.items.filter((item) => (artistName ? item.artist.toLowerCase() !== artistName : item.key !== input.itemId)),
        });
      }
      return { previous };
    },
    onError: (error, _input, context) => {
      if (context?.previous) client.setQueryData(recoQueries.recommendations(params).queryKey, context.previous);
      setAnnouncement(error.message);
    },
    onSettled: () => client.invalidateQueries({ queryKey: recoQueries.all }),
  });

  const send = (input: FeedbackInput, message: string) => {
    setAnnouncement(message);
    feedback.mutate(input);
  };

  const data = query.data;
  const updating = query.isFetching && query.isPlaceholderData;
  return (
    <div className="flex flex-col gap-6">
      <section aria-label="What for" className="flex flex-col gap-4 rounded-xl border bg-card p-4 sm:p-5">
        {GROUPS.map((group) => (
          <div key={group.kind} role="group" aria-label={group.label} className="flex flex-wrap items-center gap-2">
            <span className="w-24 shrink-0 text-sm font-medium text-muted-foreground">{group.label}</span>
            {CONTEXTS.filter((context) => context.kind === group.kind).map((context) => {
              const active = params.context === context.id;
              return (
                <Button
                  key={context.id}
                  type="button"
                  size="sm"
                  variant={active ? "default" : "outline"}
                  aria-pressed={active}
                  className="rounded-full"
                  onClick={() => navigate({ ...params, ...(active ? { context: undefined } : { context: context.id }) })}
                >
                  {context.label}
                </Button>
              );
            })}
          </div>
        ))}
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor={sliderId} className="w-24 shrink-0 text-sm font-medium text-muted-foreground">
            Familiar to new
          </label>
          <span aria-hidden="true" className="text-xs text-muted-foreground">
            Familiar
          </span>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={100}
            step={10}
            defaultValue={params.novelty}
            aria-valuetext={`${params.novelty}% new music`}
            className="w-48 accent-[var(--primary)]"
            onChange={(event) => navigate({ ...params, novelty: Number(event.currentTarget.value) })}
          />
          <span aria-hidden="true" className="text-xs text-muted-foreground">
            New
          </span>
        </div>
      </section>

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {query.error ? (
        <p role="alert" className="rounded-lg border border-destructive/40 px-4 py-3 text-sm">
          {query.error.message}{" "}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-label="Recommendations" aria-busy={updating || query.isLoading}>
          {data && data.items.length === 0 ? (
            <p className="rounded-xl border border-dashed p-8 text-center text-sm text-muted-foreground">
              Nothing fits this mix yet. Try another context, or move the slider towards the other end.
            </p>
          ) : null}
          <ul className={cn("grid gap-3 sm:grid-cols-2", updating && "opacity-60")} data-testid="recommendations">
            {(data?.items ?? []).map((item) => (
              <li
                key={item.key}
                className="flex gap-3 rounded-xl border bg-card p-3"
                data-testid="recommendation"
                data-artist={item.artist}
                data-key={item.key}
              >
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
                  <p className="truncate font-medium" title={item.name}>
                    {item.name}
                  </p>
                  <p className="truncate text-sm text-muted-foreground">{item.artist}</p>
                  <p className="text-xs text-muted-foreground">
                    <span className="mr-1 rounded bg-accent px-1.5 py-0.5 font-medium text-accent-foreground">
                      {SOURCE_LABELS[item.source]}
                    </span>
                    <span data-testid="why">{item.explanation}</span>
                  </p>
                  <div className="mt-1 flex flex-wrap gap-1">
                    <Button
                      type="button"
                      size="sm"
                      variant={liked.has(item.key) ? "secondary" : "ghost"}
                      aria-pressed={liked.has(item.key)}
                      aria-label={`Like ${item.name}`}
                      onClick={() => {
                        const next = new Set(liked);
                        const on = !next.has(item.key);
                        if (on) next.add(item.key);
                        else next.delete(item.key);
                        setLiked(next);
                        send(
                          { target: "track", itemId: item.key, kind: on ? "like" : null },
                          on ? `Liked ${item.name}.` : `Took back the like for ${item.name}.`,
                        );
                      }}
                    >
                      <ThumbsUpIcon aria-hidden="true" />
                    </Button>
                    <Button
                      type="button"
                      size="sm"
                      variant="ghost"
                      aria-label={`Dislike ${item.name}`}
                      onClick={() =>
                        send({ target: "track", itemId: item.key, kind: "dislike" }, `${item.name} will not be suggested again.`)
                      }
                    >
                      <ThumbsDownIcon aria-hidden="true" />
                    </Button>
                    <Button
                      type="button"
                      size="sm"
                      variant="ghost"
                      aria-label={`Not now: ${item.name}`}
                      onClick={() => send({ target: "track", itemId: item.key, kind: "not_now" }, `${item.name} is hidden for a week.`)}
                    >
                      <ClockIcon aria-hidden="true" />
                    </Button>
                    <Button
                      type="button"
                      size="sm"
                      variant="ghost"
                      aria-label={`No more ${item.artist}`}
                      onClick={() => send({ target: "artist", itemId: item.artist, kind: "dislike" }, `No more ${item.artist}.`)}
                    >
                      <BanIcon aria-hidden="true" />
                    </Button>
                    <Button
                      type="button"
                      size="sm"
                      variant="ghost"
                      aria-label={`Add ${item.name} to the playlist draft`}
                      onClick={() => {
                        draft.add(item);
                        setAnnouncement(`Added ${item.name} to the draft.`);
                      }}
                    >
                      <ListPlusIcon aria-hidden="true" />
                    </Button>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>

        <aside aria-labelledby="draft-heading" className="h-fit rounded-xl border bg-card p-4 lg:sticky lg:top-20">
          <h2 id="draft-heading" className="font-semibold">
            Playlist draft
          </h2>
          {draft.draft.length === 0 ? (
            <p className="mt-2 text-sm text-muted-foreground">
              Add tracks with the list button; the assistant can save the draft to Spotify.
            </p>
          ) : (
            <>
              <ol className="mt-2 flex flex-col gap-1 text-sm" data-testid="draft">
                {draft.draft.map((item) => (
                  <li key={item.key} className="flex items-center justify-between gap-2">
                    <span className="min-w-0 truncate">
                      {item.name} <span className="text-muted-foreground">· {item.artist}</span>
                    </span>
                    <Button
                      type="button"
                      size="icon"
                      variant="ghost"
                      className="size-7"
                      aria-label={`Remove ${item.name} from the draft`}
                      onClick={() => draft.remove(item.key)}
                    >
                      <XIcon aria-hidden="true" />
                    </Button>
                  </li>
                ))}
              </ol>
              <Button type="button" size="sm" variant="outline" className="mt-3" onClick={draft.clear}>
                Clear the draft
              </Button>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
