"use client";

import { useMemo, useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import {
  describeTimeZone,
  formatThreshold,
  THRESHOLD_CHOICES_S,
  timeZoneChoices,
  type SettingsPatch,
  type SettingsView,
} from "@/lib/listener/client";
import { SaveStatus } from "./save-status";
import { useSaveSettings } from "./use-save-settings";

const SOURCE_NOTES: Record<SettingsView["timeZoneSource"], string> = {
  default: "Not set yet: days and hours are in UTC until you choose a zone or your browser tells us yours.",
  browser: "Taken from your browser when you first signed in.",
  chosen: "Chosen by you.",
  demo: "The demo listener's home zone, where their generated history happens.",
};

const subscribe = () => () => {};
/** The browser's own zone; nothing on the server, where there is no browser. */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
    () => null,
  );
}

/** False on the server and while hydrating: the zone list is the browser's own, which the server's may not match. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** Matches "new york", "new_york" and "York" alike. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s_]+/g, " ")
    .trim();

/**
 * Settings' "Listening" card: from how many seconds a play counts as a listen, and the time zone
 * every day and hour is counted in. A search box narrows the list of IANA zones (a native list
 * box, so keyboards and screen readers need nothing special); saving recounts every page at once.
 */
export function ListeningSettings({ initial }: { initial: SettingsView }) {
  const [saved, setSaved] = useState(initial);
  const [threshold, setThreshold] = useState(initial.listenThresholdMs);
  const [zone, setZone] = useState(initial.timeZone);
  const [search, setSearch] = useState("");
  const browserZone = useBrowserTimeZone();
  const { state, save } = useSaveSettings(
    (settings) =>
      `Saved. A play now counts as a listen from ${formatThreshold(settings.listenThresholdMs)}, and days and hours are in ${settings.timeZone}. Every page counts this way from now on.`,
  );

  const hydrated = useHydrated();
  const zones = useMemo(() => (hydrated ? timeZoneChoices(zone) : [zone]), [hydrated, zone]);
  // The chosen zone's offset only: formatting one for each of 400 zones would cost a moment on a phone.
  const chosen = useMemo(() => describeTimeZone(zone), [zone]);
  const matches = useMemo(() => {
    const wanted = normalise(search);
    return wanted ? zones.filter((each) => normalise(each).includes(wanted)) : zones;
  }, [zones, search]);
  // The chosen zone stays in the list whatever the search, so the list box always shows the selection.
  const shown = matches.includes(zone) ? matches : [zone, ...matches];
  const matchCount = matches.length;
  const thresholds = THRESHOLD_CHOICES_S.map((seconds) => seconds * 1000);
  if (!thresholds.includes(threshold)) thresholds.push(threshold);
  thresholds.sort((a, b) => a - b);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch: SettingsPatch = {
      ...(threshold !== saved.listenThresholdMs ? { listenThresholdMs: threshold } : {}),
      ...(zone !== saved.timeZone ? { timeZone: zone } : {}),
    };
    if (Object.keys(patch).length === 0) patch.listenThresholdMs = threshold;
    const settings = await save(patch);
    if (settings) setSaved(settings);
  }

  const fieldError = state.status === "error" ? state.fields : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-6" data-testid="listening-settings" noValidate>
      <div className="grid gap-2">
        <label htmlFor="listen-threshold" className="text-sm font-medium">
          A play counts as a listen from
        </label>
        <select
          id="listen-threshold"
          value={threshold}
          onChange={(event) => setThreshold(Number(event.target.value))}
          aria-describedby="listen-threshold-hint"
          aria-invalid={fieldError.listenThresholdMs ? true : undefined}
          className="h-10 w-full max-w-xs rounded-md border bg-background px-3 text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {thresholds.map((ms) => (
            <option key={ms} value={ms}>
              {formatThreshold(ms)}
              {ms === 30_000 ? " (Spotify's rule)" : ""}
            </option>
          ))}
        </select>
        <p id="listen-threshold-hint" className="text-sm text-muted-foreground">
          Shorter plays count as skips. Every play keeps its length, so the dashboard, recaps, Discover and the assistant recount at once:
          nothing is imported again.
        </p>
        {fieldError.listenThresholdMs ? <p className="text-sm text-destructive">{fieldError.listenThresholdMs}</p> : null}
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Time zone</legend>
        <p className="text-sm text-muted-foreground" data-testid="time-zone-source">
          Days, hours and the listening clock are counted in <strong className="text-foreground">{saved.timeZone}</strong>.{" "}
          {SOURCE_NOTES[saved.timeZoneSource]}
        </p>
        <label htmlFor="time-zone-search" className="text-sm">
          Find a zone
        </label>
        <input
          id="time-zone-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="A city or region, such as Tokyo"
          aria-controls="time-zone"
          aria-describedby="time-zone-matches"
          autoComplete="off"
          className="h-10 w-full max-w-md rounded-md border bg-background px-3 text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        />
        <p id="time-zone-matches" className="sr-only" aria-live="polite">
          {search ? `${matchCount} ${matchCount === 1 ? "zone matches" : "zones match"}.` : ""}
        </p>
        <label htmlFor="time-zone" className="text-sm">
          Zone
        </label>
        <select
          id="time-zone"
          size={6}
          value={zone}
          onChange={(event) => setZone(event.target.value)}
          aria-invalid={fieldError.timeZone ? true : undefined}
          className="w-full max-w-md rounded-md border bg-background p-1 text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {shown.map((each) => (
            <option key={each} value={each} className="rounded px-2 py-1">
              {each.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <p className="text-sm text-muted-foreground" data-testid="time-zone-chosen">
          Selected: {chosen}
        </p>
        {fieldError.timeZone ? <p className="text-sm text-destructive">{fieldError.timeZone}</p> : null}
        {browserZone && browserZone !== zone ? (
          <div>
            <Button type="button" variant="outline" size="sm" onClick={() => setZone(browserZone)}>
              Use this browser&apos;s zone ({browserZone})
            </Button>
          </div>
        ) : null}
      </fieldset>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <Button type="submit" disabled={state.status === "saving"} className="self-start">
          {state.status === "saving" ? "Saving…" : "Save listening settings"}
        </Button>
        <SaveStatus state={state} testId="listening-settings-status" />
      </div>
    </form>
  );
}
