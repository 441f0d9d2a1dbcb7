"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { RECENT_DAYS_CHOICES, type SettingsPatch, type SettingsView } from "@/lib/listener/client";
import { SaveStatus } from "./save-status";
import { useSaveSettings } from "./use-save-settings";

const daysLabel = (days: number) => (days === 0 ? "Leave nothing out" : `The last ${days} days`);

/**
 * Settings' "Discover" card: whether picks may be explicit, and how many days of recent plays
 * Discover leaves out (its familiar end always welcomes them back: that is what it asks for).
 */
export function DiscoverSettings({ initial }: { initial: SettingsView }) {
  const [saved, setSaved] = useState(initial);
  const [allowExplicit, setAllowExplicit] = useState(initial.allowExplicit);
  const [recentDays, setRecentDays] = useState(initial.recentDays);
  const { state, save } = useSaveSettings(
    (settings) =>
      `Saved. Discover and the assistant's picks ${settings.allowExplicit ? "may include" : "leave out"} explicit tracks and ${
        settings.recentDays === 0
          ? "leave none of your recent plays out"
          : `leave out what you played in the last ${settings.recentDays} days`
      }.`,
  );
  const days: number[] = [...RECENT_DAYS_CHOICES];
  if (!days.includes(recentDays)) days.push(recentDays);
  days.sort((a, b) => a - b);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch: SettingsPatch = {
      ...(allowExplicit !== saved.allowExplicit ? { allowExplicit } : {}),
      ...(recentDays !== saved.recentDays ? { recentDays } : {}),
    };
    if (Object.keys(patch).length === 0) patch.allowExplicit = allowExplicit;
    const settings = await save(patch);
    if (settings) setSaved(settings);
  }

  const fieldError = state.status === "error" ? state.fields : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-6" data-testid="discover-settings" noValidate>
      <div className="grid gap-1">
        <div className="flex items-center gap-3">
          <input
            id="allow-explicit"
            type="checkbox"
            role="switch"
            checked={allowExplicit}
            onChange={(event) => setAllowExplicit(event.target.checked)}
            aria-describedby="allow-explicit-hint"
            className="size-5 accent-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          />
          <label htmlFor="allow-explicit" className="text-sm font-medium">
            Explicit tracks in recommendations
          </label>
        </div>
        <p id="allow-explicit-hint" className="text-sm text-muted-foreground">
          Off leaves out every track the catalogue marks explicit, on Discover and in the assistant&apos;s picks.
        </p>
        {fieldError.allowExplicit ? <p className="text-sm text-destructive">{fieldError.allowExplicit}</p> : null}
      </div>
      <div className="grid gap-2">
        <label htmlFor="recent-days" className="text-sm font-medium">
          Leave out tracks I played in
        </label>
        <select
          id="recent-days"
          value={recentDays}
          onChange={(event) => setRecentDays(Number(event.target.value))}
          aria-describedby="recent-days-hint"
          aria-invalid={fieldError.recentDays ? true : undefined}
          className="h-10 w-full max-w-xs rounded-md border bg-background px-3 text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {days.map((each) => (
            <option key={each} value={each}>
              {daysLabel(each)}
            </option>
          ))}
        </select>
        <p id="recent-days-hint" className="text-sm text-muted-foreground">
          So Discover brings something other than this month&apos;s rotation. At the slider&apos;s familiar end your recent favourites are
          always welcome.
        </p>
        {fieldError.recentDays ? <p className="text-sm text-destructive">{fieldError.recentDays}</p> : null}
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <Button type="submit" disabled={state.status === "saving"} className="self-start">
          {state.status === "saving" ? "Saving…" : "Save Discover settings"}
        </Button>
        <SaveStatus state={state} testId="discover-settings-status" />
      </div>
    </form>
  );
}
