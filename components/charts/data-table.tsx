"use client";

import { useState } from "react";
import { Icon } from "@/components/ui/icon";
import { cn } from "@/lib/utils";
import { formatNumber } from "./format";
import type { ChartTable } from "./types";

/**
 * A chart's data as a real table behind a native disclosure ("Show data as a table"), one tab
 * stop while closed. The table is rendered when the disclosure first opens: a dashboard of a dozen
 * charts would otherwise carry thousands of hidden cells in its DOM. The first column holds row headers; the others are right-aligned values
 * (numbers are printed with grouping and up to two decimals; pass strings for anything else).
 * Long or wide tables scroll inside a focusable, labelled region so keyboard users can scroll it.
 */
export function DataTable({
  table,
  caption,
  toggleLabel = "Show data as a table",
  className,
  defaultOpen = false,
}: {
  /** The rows, or what builds them: a builder runs only when the disclosure first opens. */
  table: ChartTable | (() => ChartTable);
  /** Names the table (visually hidden; the disclosure label is the visible one). */
  caption: string;
  toggleLabel?: string;
  className?: string;
  /** Start open (and rendered). */
  defaultOpen?: boolean;
}) {
  const [opened, setOpened] = useState(defaultOpen);
  return (
    <details
      className={cn("group rounded-lg border", className)}
      open={defaultOpen || undefined}
      onToggle={(event) => setOpened((was) => was || event.currentTarget.open)}
    >
      <summary className="table-toggle">
        <Icon name="chevron-right" className="table-toggle-icon" />
        {toggleLabel}
      </summary>
      {opened ? <TableRegion table={typeof table === "function" ? table() : table} caption={caption} /> : null}
    </details>
  );
}

function TableRegion({ table, caption }: { table: ChartTable; caption: string }) {
  const scrolls = table.rows.length > 8 || table.columns.length > 6;
  return (
    <div
      className="max-h-80 overflow-auto border-t"
      {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": `${caption} (data table)` } : {})}
    >
      <table className="w-full border-collapse text-left text-sm tabular-nums">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-card">
          <tr>
            {table.columns.map((column, index) => (
              <th
                key={index}
                scope="col"
                className={cn("px-3 py-2 font-medium whitespace-nowrap text-muted-foreground", index > 0 && "text-right")}
              >
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, rowIndex) => (
            <tr key={rowIndex} className="border-t">
              {row.map((cell, cellIndex) => {
                const text = typeof cell === "number" ? formatNumber(cell) : cell;
                return cellIndex === 0 ? (
                  <th key={cellIndex} scope="row" className="px-3 py-1.5 font-normal">
                    {text}
                  </th>
                ) : (
                  <td key={cellIndex} className="px-3 py-1.5 text-right whitespace-nowrap">
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
