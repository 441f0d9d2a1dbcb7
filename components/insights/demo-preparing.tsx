import { RefreshEvery } from "./refresh-every";

/**
 * The demo listener's history is being stored (the first visit after a fresh start): a real
 * progress bar, and the page refreshes itself until the history is there. A server component: only
 * the refresh timer is client code, so the pages that may show this do not ship its markup as JS.
 */
export function DemoPreparing({ stored, total }: { stored: number; total: number }) {
  const percent = total > 0 ? Math.round((stored / total) * 100) : 0;
  return (
    <section aria-labelledby="demo-preparing-title" className="rounded-xl border bg-card p-6" data-testid="demo-preparing">
      <RefreshEvery ms={1_500} />
      <h2 id="demo-preparing-title" className="text-lg font-semibold">
        Setting up the demo listener
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Eight years of generated listening, up to yesterday, go through the same import pipeline your own export would. This takes a few
        seconds, once a day.
      </p>
      <div
        role="progressbar"
        aria-label="Demo history stored"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={total > 0 ? `${stored.toLocaleString("en")} of ${total.toLocaleString("en")} plays` : "Starting"}
        className="mt-4 h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] motion-reduce:transition-none" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-sm tabular-nums text-muted-foreground" aria-live="polite">
        {total > 0 ? `${stored.toLocaleString("en")} of ${total.toLocaleString("en")} plays` : "Starting…"}
      </p>
    </section>
  );
}
