import type { ReactNode } from "react";
import { formatCount, formatNumber, StatTile } from "@/components/charts";
import { cn } from "@/lib/utils";

/** One section of the operations page: a titled card whose heading names its region. */
export function OpsSection({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`ops-${id}-title`}
      data-testid={`ops-${id}`}
      className="flex min-w-0 flex-col gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-sm sm:p-6"
    >
      <div>
        <h2 id={`ops-${id}-title`} className="text-lg font-semibold leading-tight">
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** A counter with its unit; `data-value` carries the raw number for tests. */
export function Counter({
  id,
  label,
  value,
  unit,
  display,
}: {
  id: string;
  label: string;
  value: number;
  unit?: string;
  display?: string;
}) {
  return (
    <div data-testid={`ops-counter-${id}`} data-value={value}>
      <StatTile label={label} value={display ?? formatCount(value)} {...(unit ? { unit } : {})} className="h-full" />
    </div>
  );
}

export function Counters({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">{children}</div>;
}

/** A table with a visible caption, scrolling sideways on small screens inside a focusable region. */
export function OpsTable({
  caption,
  head,
  rows,
  empty,
  testId,
}: {
  caption: string;
  head: string[];
  rows: ReactNode[][];
  empty: string;
  testId?: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border" role="region" aria-label={caption} tabIndex={0} data-testid={testId}>
      <table className="w-full text-sm">
        <caption className="px-3 py-2 text-left text-sm font-medium text-muted-foreground">{caption}</caption>
        <thead>
          <tr className="border-b bg-muted/40">
            {head.map((label, index) => (
              <th
                key={label}
                scope="col"
                className={cn("px-3 py-2 font-medium whitespace-nowrap", index === 0 ? "text-left" : "text-right")}
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, row) => (
            <tr key={row} className="border-b last:border-0">
              {cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row" className="max-w-72 px-3 py-2 text-left font-normal break-words">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const formatPercent = (share: number | null) => (share === null ? "–" : `${formatNumber(share * 100, 1)}%`);
export const formatUsd = (usd: number) => `$${usd < 1 ? usd.toFixed(4) : formatNumber(usd, 2)}`;
export const formatMs = (ms: number | null) => (ms === null ? "–" : `${formatCount(ms)} ms`);
/** A time in UTC, the same on the server and in every browser (no hydration mismatch): "2026-11-03 14:05:09 UTC". */
export const formatWhen = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

/** Shown in place of a section a demo visitor's own view leaves out. */
export function OperatorsOnly({ what }: { what: string }) {
  return <p className="text-sm text-muted-foreground">{what} cover every listener: they are shown to operators only.</p>;
}
