"use client";

import { XIcon } from "lucide-react";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import type { Recommendation } from "@/lib/reco/client";

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
export function useDraft() {
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

/** The draft beside the picks: what was added, each removable; the assistant saves it to Spotify. */
export function PlaylistDraft({ draft }: { draft: ReturnType<typeof useDraft> }) {
  return (
    <aside aria-labelledby="draft-heading" className="h-fit rounded-xl border bg-card p-4 lg:sticky lg:top-20">
      <h2 id="draft-heading" className="font-semibold">
        Playlist draft
      </h2>
      {draft.draft.length === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">Add tracks with “Add to draft”; the assistant can save the draft to Spotify.</p>
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
                  title="Remove from the draft"
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
  );
}
