"use client";

import { XIcon } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { CONTEXTS, toggleContext, type ContextKind } from "@/lib/reco/client";

const GROUPS: Array<{ kind: ContextKind; label: string }> = [
  { kind: "mood", label: "Mood" },
  { kind: "activity", label: "Activity" },
  { kind: "era", label: "Era" },
  { kind: "time", label: "Time of day" },
];

/**
 * The "what for" panel: one chip per group at most (a mood, an activity, an era, a time of day, in
 * any combination) and the familiar-to-new slider. Chips are toggle buttons (aria-pressed).
 */
export function ContextChips({
  contexts,
  novelty,
  onContexts,
  onNovelty,
}: {
  contexts: readonly string[];
  novelty: number;
  onContexts: (next: string[]) => void;
  onNovelty: (next: number) => void;
}) {
  const sliderId = useId();
  const chosen = CONTEXTS.filter((context) => contexts.includes(context.id));
  return (
    <section aria-label="What for" className="flex flex-col gap-4 rounded-xl border bg-card p-4 sm:p-5">
      <p className="text-sm text-muted-foreground">Pick up to one of each: a mood, an activity, an era and a time of day.</p>
      {GROUPS.map((group) => (
        <div key={group.kind} role="group" aria-label={group.label} className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <span aria-hidden="true" className="shrink-0 text-sm font-medium text-muted-foreground sm:w-28">
            {group.label}
          </span>
          <div className="flex flex-wrap gap-2">
            {CONTEXTS.filter((context) => context.kind === group.kind).map((context) => {
              const active = contexts.includes(context.id);
              return (
                <Button
                  key={context.id}
                  type="button"
                  size="sm"
                  variant={active ? "default" : "outline"}
                  aria-pressed={active}
                  className="rounded-full"
                  onClick={() => onContexts(toggleContext(contexts, context.id))}
                >
                  {context.label}
                </Button>
              );
            })}
          </div>
        </div>
      ))}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor={sliderId} className="shrink-0 text-sm font-medium text-muted-foreground sm:w-28">
          Familiar to new
        </label>
        <div className="flex items-center gap-3">
          <span aria-hidden="true" className="text-xs text-muted-foreground">
            Familiar
          </span>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={100}
            step={10}
            defaultValue={novelty}
            aria-valuetext={`${novelty}% new music`}
            className="w-40 accent-[var(--primary)] sm:w-48"
            onChange={(event) => onNovelty(Number(event.currentTarget.value))}
          />
          <span aria-hidden="true" className="text-xs text-muted-foreground">
            New
          </span>
        </div>
      </div>
      {chosen.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="chosen-contexts">
          <span>
            Picks for <strong className="font-semibold">{chosen.map((context) => context.label).join(" + ")}</strong>
          </span>
          <Button type="button" size="sm" variant="ghost" onClick={() => onContexts([])}>
            <XIcon aria-hidden="true" />
            Clear the chips
          </Button>
        </div>
      ) : null}
    </section>
  );
}
