import type { CSSProperties, ReactNode } from "react";
import { cn } from "@/lib/utils";
import { chartStyles } from "./styles";

export type ChartSkeletonVariant = "time-series" | "heatmap" | "bar-list" | "share-bar" | "stat";

export interface ChartSkeletonProps {
  /** Which chart it stands in for; each matches that chart's box inside a ChartFigure. Default "time-series". */
  variant?: ChartSkeletonVariant;
  /** Rows for "bar-list" (default 5). */
  rows?: number;
  /** Match a ChartFigure with a description / a visible summary / a data table (defaults: no, yes, yes). */
  description?: boolean;
  summary?: boolean;
  table?: boolean;
  /** Announced to screen readers (default "Loading chart…"). */
  label?: string;
  /**
   * A status region of its own that announces `label` (default). Off inside a page's skeleton,
   * which announces once for the whole page: a dozen regions would each say "Loading".
   */
  announce?: boolean;
  className?: string;
}

const pulse = "animate-pulse rounded bg-muted motion-reduce:animate-none";

/** A placeholder bar one text line tall (an nbsp gives it the line box of the text it replaces). */
function Line({ className }: { className?: string }) {
  return (
    // `skeleton-line` (globals.css): a pulsing inline block, the page has dozens of them.
    <span className="skeleton-line">
      {"\u00a0"}
      <span className={cn("inline-block", className)} />
    </span>
  );
}

function Block({ className }: { className?: string }) {
  return <div className={cn(pulse, "rounded-md", className)} />;
}

function body(variant: Exclude<ChartSkeletonVariant, "stat">, rows: number): ReactNode {
  switch (variant) {
    case "time-series":
      return (
        <div className={chartStyles.seriesGrid}>
          <div />
          <Block className={chartStyles.seriesPlot} />
          <div />
          <div className={chartStyles.seriesTicks} />
        </div>
      );
    case "heatmap":
      return (
        <div>
          <div className={chartStyles.heatGrid}>
            <div />
            <Block className={chartStyles.heatPlot} />
            <div />
            <div className={chartStyles.heatTicks} />
          </div>
          <div className={chartStyles.legend} />
        </div>
      );
    case "bar-list":
      // One element for all the rows (their lines drawn by `bar-list-skeleton`'s repeating
      // background): a page of ranked lists loads with dozens of rows, each sent in full otherwise.
      return <div className="bar-list-skeleton" style={{ "--rows": rows } as CSSProperties} />;
    case "share-bar":
      return (
        <div>
          <Block className={chartStyles.shareBar} />
          {/* Legends wrap on small screens: two lines there, one from sm up. */}
          <div className="mt-3 flex flex-col gap-y-1.5 text-sm">
            <Line className="w-72" />
            <span className="sm:hidden">
              <Line className="w-40" />
            </span>
          </div>
        </div>
      );
  }
}

/**
 * Suspense fallback with the outer size of a ChartFigure holding the given chart (same shared
 * class names, text-line heights from real line boxes). Pulses unless reduced motion is preferred.
 */
export function ChartSkeleton({
  variant = "time-series",
  rows = 5,
  description = false,
  summary = true,
  table = true,
  label = "Loading chart…",
  announce = true,
  className,
}: ChartSkeletonProps) {
  const status = announce ? { role: "status" } : { "aria-hidden": true };
  const announced = announce ? <span className="sr-only">{label}</span> : null;
  if (variant === "stat") {
    // One element (`stat-skeleton`, globals.css), a tile with a second line: the dashboard loads six.
    return (
      <div {...status} data-variant="stat" className={cn("stat-skeleton", className)}>
        {announced}
      </div>
    );
  }
  return (
    <div {...status} data-variant={variant} className={cn(chartStyles.figure, className)}>
      {announced}
      <div aria-hidden="true" className={chartStyles.caption}>
        <div className={chartStyles.title}>
          <Line className="w-44" />
        </div>
        {description ? (
          <div className={chartStyles.description}>
            <Line className="w-72" />
          </div>
        ) : null}
      </div>
      {/* sr-only is absolutely positioned, so a hidden summary takes no room in either. */}
      <div aria-hidden="true" className={summary ? chartStyles.summary : "sr-only"}>
        <Line className="w-64" />
      </div>
      <div aria-hidden="true">{body(variant, Math.max(1, rows))}</div>
      {table ? (
        <div aria-hidden="true" className="rounded-lg border">
          <div className={cn(chartStyles.tableToggle, "px-3 py-2")}>
            <Line className="w-40" />
          </div>
        </div>
      ) : null}
    </div>
  );
}
