"use client";

import { SlidersHorizontalIcon } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

/** "Tune": a prompt that refreshes every track not pinned, as one new version. */
export function TuneForm({
  onTune,
  busy,
  disabled,
  pinned,
}: {
  onTune: (prompt: string) => void;
  busy: boolean;
  disabled: boolean;
  pinned: number;
}) {
  const inputId = useId();
  const hintId = useId();
  const [prompt, setPrompt] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (prompt.trim().length >= 2) onTune(prompt.trim());
  };
  return (
    <section aria-labelledby="tune-heading" className="rounded-xl border bg-card p-4">
      <h2 id="tune-heading" className="flex items-center gap-2 font-semibold">
        <SlidersHorizontalIcon aria-hidden="true" className="size-4" />
        Tune
      </h2>
      <p id={hintId} className="mt-1 text-sm text-muted-foreground">
        Replaces every track you did not pin ({pinned} pinned) with picks for your words. Undo brings them back.
      </p>
      <form onSubmit={submit} className="mt-3 flex gap-2">
        <label htmlFor={inputId} className="sr-only">
          How to tune the playlist
        </label>
        <input
          id={inputId}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          placeholder="e.g. calmer, more 90s, for a workout"
          aria-describedby={hintId}
          maxLength={300}
          className="h-9 min-w-0 flex-1 rounded-md border bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
        <Button type="submit" size="sm" disabled={disabled || busy || prompt.trim().length < 2}>
          {busy ? "Tuning…" : "Tune"}
        </Button>
      </form>
    </section>
  );
}
