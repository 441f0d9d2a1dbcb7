"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { SparklesIcon, Undo2Icon } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { discoverSearch, readDiscoverParams, recoQueries, type DiscoverParams, type FeedbackInput } from "@/lib/reco/client";
import { cn } from "@/lib/utils";
import { ContextChips } from "./context-chips";
import { likedKeys } from "./opinions";
import { PickCard } from "./pick-card";
import { PlaylistDraft, useDraft } from "./playlist-draft";
import { useOpinion } from "./use-opinion";
import { usePreview } from "./use-preview";
import { QueryError } from "@/components/ui/query-error";

/**
 * Discover: combinable context chips and the familiar-to-new slider (both in the URL, so a mix is
 * a link and Back works), and the picks, each with the reason it was picked and labelled actions.
 * Likes show pressed after a reload (they come from GET /api/feedback); a hidden pick can be undone.
 */
export function DiscoverView({ catalogue }: { catalogue: "spotify" | "demo" }) {
  const searchParams = useSearchParams();
  const params = readDiscoverParams(searchParams);
  const recommendations = recoQueries.recommendations(params);
  const query = useQuery({ ...recommendations, placeholderData: keepPreviousData });
  const feedback = useQuery(recoQueries.feedback());
  const liked = useMemo(() => likedKeys(feedback.data), [feedback.data]);
  const [announcement, setAnnouncement] = useState("");
  const [undo, setUndo] = useState<{ input: FeedbackInput; message: string } | null>(null);
  // The seed's title, when the listener chose it here (a shared link only has its key).
  const [seedName, setSeedName] = useState<{ key: string; name: string } | null>(null);
  const draft = useDraft();
  const opinion = useOpinion({ recommendationsKey: recommendations.queryKey, onError: setAnnouncement });
  const { preview, toggle } = usePreview({ onError: setAnnouncement });
  const undoButton = useRef<HTMLButtonElement>(null);

  // A hidden pick takes its focused button with it: focus goes to Undo, one Enter from taking it back.
  useEffect(() => {
    if (undo) undoButton.current?.focus();
  }, [undo]);

  const navigate = useCallback((next: DiscoverParams) => {
    const search = discoverSearch(next);
    window.history.pushState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);

  const say = (input: FeedbackInput, message: string, undoable: boolean) => {
    setAnnouncement(message);
    setUndo(undoable ? { input, message } : null);
    opinion.mutate(input);
  };

  const data = query.data;
  const updating = query.isFetching && query.isPlaceholderData;
  return (
    <div className="flex flex-col gap-6">
      <ContextChips
        contexts={params.contexts}
        novelty={params.novelty}
        onContexts={(contexts) => navigate({ ...params, contexts })}
        onNovelty={(novelty) => navigate({ ...params, novelty })}
      />

      {params.seed ? (
        <div className="flex flex-wrap items-center gap-3 rounded-xl border bg-accent/40 px-4 py-3 text-sm" data-testid="seed-banner">
          <SparklesIcon aria-hidden="true" className="size-4" />
          <span>
            {seedName?.key === params.seed ? (
              <>
                More like <strong className="font-semibold">{seedName.name}</strong>: tracks you pair with it, and artists near its artist.
              </>
            ) : (
              "More like a track you chose: tracks you pair with it, and artists near its artist."
            )}
          </span>
          <Button type="button" size="sm" variant="outline" onClick={() => navigate({ ...params, seed: undefined })}>
            Back to all picks
          </Button>
        </div>
      ) : null}

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {undo ? (
        <div className="flex flex-wrap items-center gap-3 rounded-xl border px-4 py-2 text-sm" data-testid="undo-bar">
          <span>{undo.message}</span>
          <Button
            ref={undoButton}
            type="button"
            size="sm"
            variant="outline"
            onClick={() => {
              const { input } = undo;
              setUndo(null);
              setAnnouncement(`Undone: ${input.name ?? input.itemId} is back.`);
              opinion.mutate({ ...input, kind: null });
            }}
          >
            <Undo2Icon aria-hidden="true" />
            Undo
          </Button>
        </div>
      ) : null}
      <QueryError error={query.error} onRetry={() => void query.refetch()} />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-labelledby="picks-heading" className="min-w-0">
          <h2 id="picks-heading" className="sr-only">
            Picks
          </h2>
          {query.isPending ? (
            <div role="status" aria-live="polite" className="grid gap-3">
              <span className="sr-only">Loading picks…</span>
              {Array.from({ length: 4 }, (_, index) => (
                <Skeleton key={index} className="h-40 w-full rounded-xl sm:h-32" />
              ))}
            </div>
          ) : null}
          {data && data.items.length === 0 ? (
            <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed p-8 text-center text-sm text-muted-foreground">
              <p>Nothing fits this mix yet. Clear a chip, or move the slider towards the other end.</p>
              {params.contexts.length > 0 ? (
                <Button type="button" size="sm" variant="outline" onClick={() => navigate({ ...params, contexts: [] })}>
                  Clear the chips
                </Button>
              ) : null}
            </div>
          ) : null}
          <ul
            className={cn("grid grid-cols-1 gap-3 transition-opacity", updating && "opacity-60")}
            data-testid="recommendations"
            aria-busy={updating || query.isPending}
          >
            {(data?.items ?? []).map((item) => (
              <PickCard
                key={item.key}
                item={item}
                liked={liked.has(item.key)}
                catalogue={catalogue}
                preview={preview.key === item.key ? preview : null}
                actions={{
                  like: (on) =>
                    say(
                      { target: "track", itemId: item.key, kind: on ? "like" : null, name: item.name, artist: item.artist },
                      on ? `Liked ${item.name}.` : `Took back the like for ${item.name}.`,
                      false,
                    ),
                  notNow: () =>
                    say(
                      { target: "track", itemId: item.key, kind: "not_now", name: item.name, artist: item.artist },
                      `${item.name} is hidden for a week.`,
                      true,
                    ),
                  blockArtist: () =>
                    say(
                      { target: "artist", itemId: item.artist, kind: "dislike", name: item.artist },
                      `No more ${item.artist}. Undo it here or in Settings.`,
                      true,
                    ),
                  moreLikeThis: () => {
                    setAnnouncement(`Showing picks like ${item.name}.`);
                    setSeedName({ key: item.key, name: item.name });
                    navigate({ ...params, seed: item.key });
                  },
                  preview: () => item.previewUrl && toggle(item.key, item.previewUrl, item.name),
                  addToDraft: () => {
                    if (draft.add(item)) setAnnouncement(`Added ${item.name} to the draft.`);
                  },
                }}
              />
            ))}
          </ul>
        </section>

        <PlaylistDraft draft={draft} />
      </div>
    </div>
  );
}
