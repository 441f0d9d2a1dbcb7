"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/ui/icon";
import { EARLIEST_DATE, latestDate, type DashboardParams } from "@/lib/insights/client";
import { cn } from "@/lib/utils";

/** Each button says exactly what it selects; its text is its accessible name. */
const PRESETS: Array<{ value: Exclude<DashboardParams["range"], "custom">; label: string }> = [
  { value: "4w", label: "Last 4 weeks" },
  { value: "6m", label: "Last 6 months" },
  { value: "1y", label: "Last 12 months" },
  { value: "all", label: "All time" },
];

/**
 * The range picker: presets as a segmented control, and custom dates (inclusive, in the
 * listener's time zone). It only changes the URL; the view follows the URL.
 */
export function RangePicker({
  params,
  onChange,
  bounds,
  action,
}: {
  params: DashboardParams;
  onChange: (next: DashboardParams) => void;
  /** Inclusive dates of the current view, to prefill the custom form. */
  bounds: { fromDate: string; toDate: string };
  /**
   * The page the presets also submit to as a plain GET form, so a preset pressed before the page's
   * script has run (a busy phone) still loads its range, with a full page load.
   */
  action?: string;
}) {
  const [customOpen, setCustomOpen] = useState(params.range === "custom");
  const [error, setError] = useState<string | null>(null);
  const formId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const from = String(data.get("from") ?? "");
    const to = String(data.get("to") ?? "");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) {
      setError("Pick both a start and an end date.");
      return;
    }
    if (from > to) {
      setError("The start date must be on or before the end date.");
      return;
    }
    if (from < EARLIEST_DATE || to > latestDate()) {
      setError(`Pick dates from ${EARLIEST_DATE} to ${latestDate()}.`);
      return;
    }
    setError(null);
    onChange({ ...params, range: "custom", from, to });
  };

  return (
    <div className="flex flex-col gap-3">
      <form action={action} method="get" className="contents">
        {params.by !== "plays" ? <input type="hidden" name="by" value={params.by} /> : null}
        <div role="group" aria-label="Time range" className="flex flex-wrap items-center gap-2">
          {PRESETS.map((preset) => {
            const active = params.range === preset.value;
            return (
              <Button
                key={preset.value}
                type={action ? "submit" : "button"}
                name="range"
                value={preset.value}
                size="sm"
                variant={active ? "default" : "outline"}
                aria-pressed={active}
                onClick={(event) => {
                  event.preventDefault();
                  setCustomOpen(false);
                  onChange({ range: preset.value, by: params.by });
                }}
              >
                {preset.label}
              </Button>
            );
          })}
          <Button
            type="button"
            size="sm"
            variant={params.range === "custom" ? "default" : "outline"}
            aria-pressed={params.range === "custom"}
            aria-expanded={customOpen}
            aria-controls={formId}
            onClick={() => setCustomOpen((open) => !open)}
          >
            <Icon name="calendar-range" className="size-4" />
            Custom dates
          </Button>
        </div>
      </form>
      {customOpen ? (
        <form
          id={formId}
          action={action}
          method="get"
          onSubmit={submit}
          className="flex flex-wrap items-end gap-3 rounded-lg border bg-card p-3"
          aria-label="Custom dates"
          noValidate
        >
          <input type="hidden" name="range" value="custom" />
          {params.by !== "plays" ? <input type="hidden" name="by" value={params.by} /> : null}
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">From</span>
            <input
              type="date"
              name="from"
              required
              min={EARLIEST_DATE}
              max={latestDate()}
              defaultValue={params.range === "custom" ? params.from : bounds.fromDate}
              className="h-9 rounded-md border bg-background px-2 text-sm"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${formId}-error` : undefined}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">To</span>
            <input
              type="date"
              name="to"
              required
              min={EARLIEST_DATE}
              max={latestDate()}
              defaultValue={params.range === "custom" ? params.to : bounds.toDate}
              className="h-9 rounded-md border bg-background px-2 text-sm"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${formId}-error` : undefined}
            />
          </label>
          <Button type="submit" size="sm">
            Apply
          </Button>
          <p id={`${formId}-error`} role="alert" className={cn("basis-full text-sm text-destructive", !error && "sr-only")}>
            {error ?? ""}
          </p>
        </form>
      ) : null}
    </div>
  );
}
