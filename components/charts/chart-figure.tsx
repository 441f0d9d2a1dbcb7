import { isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/utils";
import { DataTable } from "./data-table";
import { chartStyles } from "./styles";
import type { ChartTable } from "./types";

export interface ChartFigureProps {
  /** Visible heading inside the `<figcaption>`; also names the figure and captions the data table. */
  title: string;
  /** Heading element for the title (default 2: charts sit under the page's h1). */
  headingLevel?: 2 | 3 | 4;
  /** Optional line under the title: what the chart shows ("Hours per month, last 2 years"). */
  description?: ReactNode;
  /**
   * One concise sentence with the takeaway ("Listening peaked in March 2024 with 42 hours"). It
   * names the chart image (`aria-labelledby`) and is shown under the title unless `summaryHidden`.
   */
  summary: string;
  summaryHidden?: boolean;
  /**
   * Text alternative: the data behind the chart, behind "Show data as a table". Omitted when it has
   * no rows. Or a client leaf that builds the table in the browser from the very props its chart
   * leaf gets: React sends a repeated object once, so the page's payload carries the data once
   * rather than the data plus every formatted cell.
   */
  table?: ChartTable | ReactElement;
  tableToggleLabel?: string;
  /** Top-right slot in the caption (a "See all" link, a range picker). */
  actions?: ReactNode;
  /** Id of the figure, for in-page links. */
  id?: string;
  className?: string;
  /**
   * The chart. A function receives the summary's id, to pass on as the chart's `labelledBy`:
   * `{(summaryId) => <TimeSeriesChart labelledBy={summaryId} points={points} />}`.
   */
  children: ReactNode | ((summaryId: string) => ReactNode);
}

/** A chart in a card: heading, optional description, summary sentence, the chart, its data as a table. */
export function ChartFigure({
  title,
  headingLevel = 2,
  description,
  summary,
  summaryHidden = false,
  table,
  tableToggleLabel,
  actions,
  id: figureId,
  className,
  children,
}: ChartFigureProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const summaryId = `${id}-summary`;
  const Heading = headingLevel === 4 ? "h4" : headingLevel === 3 ? "h3" : "h2";
  return (
    // Optional attributes only when set, and the caption's parts styled by `chart-caption`: a
    // dashboard has a dozen figures, each sent as HTML and again in the RSC payload.
    <figure
      {...(figureId ? { id: figureId } : {})}
      aria-labelledby={titleId}
      {...(description ? { "aria-describedby": descriptionId } : {})}
      className={cn(chartStyles.figure, className)}
    >
      <figcaption className="chart-caption">
        <div>
          <Heading id={titleId}>{title}</Heading>
          {actions ? <div>{actions}</div> : null}
        </div>
        {description ? <p id={descriptionId}>{description}</p> : null}
      </figcaption>
      <p id={summaryId} className={summaryHidden ? "sr-only" : chartStyles.summary}>
        {summary}
      </p>
      <div>{typeof children === "function" ? children(summaryId) : children}</div>
      {isValidElement(table) ? (
        table
      ) : table && table.rows.length > 0 ? (
        <DataTable table={table} caption={title} toggleLabel={tableToggleLabel} />
      ) : null}
    </figure>
  );
}
