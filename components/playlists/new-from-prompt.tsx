"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { SparklesIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { playlistQueries, playlistRequests } from "@/lib/playlists/client";

/**
 * "New from prompt": a few words ("90s trip-hop for a rainy evening, 25 tracks") become a stored
 * draft, opened in the editor. One request id per prompt, so a retried submit makes one playlist.
 */
export function NewFromPrompt() {
  const inputId = useId();
  const hintId = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState("");
  const requestId = useRef<{ prompt: string; id: string } | null>(null);
  const create = useMutation({
    mutationFn: (text: string) => {
      if (requestId.current?.prompt !== text) requestId.current = { prompt: text, id: crypto.randomUUID() };
      return playlistRequests.create({ prompt: text, requestId: requestId.current.id });
    },
    onSuccess: (playlist) => {
      queryClient.setQueryData(playlistQueries.detail(playlist.id).queryKey, playlist);
      void queryClient.invalidateQueries({ queryKey: playlistQueries.list().queryKey });
      router.push(`/playlists/${playlist.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (prompt.trim().length >= 3) create.mutate(prompt.trim());
  };
  return (
    <form onSubmit={submit} className="rounded-xl border bg-card p-4" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`} className="flex items-center gap-2 font-semibold">
        <SparklesIcon aria-hidden="true" className="size-4" />
        New from prompt
      </h2>
      <p id={hintId} className="mt-1 text-sm text-muted-foreground">
        Say a mood, an activity, a decade or a time of day, and how many tracks. Picks come from your own history and similar listeners.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor={inputId} className="sr-only">
          Describe the playlist
        </label>
        <input
          id={inputId}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          placeholder="90s trip-hop for a rainy evening, 25 tracks"
          aria-describedby={hintId}
          maxLength={300}
          className="h-9 min-w-0 flex-1 rounded-md border bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
        <Button type="submit" disabled={create.isPending || prompt.trim().length < 3}>
          {create.isPending ? "Making…" : "Make a draft"}
        </Button>
      </div>
      {create.error ? (
        <p role="alert" className="mt-3 text-sm text-destructive">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}
