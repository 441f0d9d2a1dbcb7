import Link from "next/link";
import type { CSSProperties } from "react";
import { cn } from "@/lib/utils";
import { ChartEmpty } from "./chart-empty";
import { percentOf } from "./scale";
import type { ChartTable } from "./types";

export interface BarListItem {
  label: string;
  /** Secondary text after the label (the artist of a track, the year of an album). */
  sublabel?: string;
  value: number;
  /** The value as shown: "212 plays", "14 hours". */
  display: string;
  /** Makes the label a link; the whole row is its click target. */
  href?: string;
}

export interface BarListProps {
  items: BarListItem[];
  /** Value of a full-width bar; defaults to the largest value (the top item fills the track). */
  max?: number;
  /** Rank of the first item (for a second page: 11). Default 1. */
  startRank?: number;
  emptyText?: string;
  /** Names the list when it is not inside a ChartFigure. */
  "aria-label"?: string;
  className?: string;
}

/**
 * Ranked horizontal bars (top tracks, artists, albums) as an ordered list: rank, label (optionally a
 * link), a bar and the display value. Pure HTML and CSS, no SVG, and as few elements as a row can
 * be (a page of ranked lists sends every one of them): the rank is the list's own numbering, drawn
 * by CSS from `start`, and the bar is one element whose fill is its `::after`, `--w` wide (globals.css).
 */
export function BarList({ items, max, startRank = 1, emptyText, "aria-label": ariaLabel, className }: BarListProps) {
  if (items.length === 0) return <ChartEmpty className={className}>{emptyText}</ChartEmpty>;
  const scaleMax = max ?? Math.max(0, ...items.map((item) => item.value));
  return (
    // `role="list"`: Safari drops list semantics from lists without list-style.
    <ol role="list" start={startRank} aria-label={ariaLabel} className={cn("bar-list", className)}>
      {items.map((item, index) => (
        <li key={`${index}-${item.label}`} className={item.href ? "bar-list-row bar-list-row-link" : "bar-list-row"}>
          <p className="bar-list-label">
            {item.href ? (
              // Not prefetched: a page of ranked lists would render dozens of item pages on the
              // server the moment it shows (each a dynamic page), and parse them on a busy phone.
              <Link href={item.href} title={item.label} prefetch={false}>
                {item.label}
              </Link>
            ) : (
              <b title={item.label}>{item.label}</b>
            )}
            {item.sublabel ? <span title={item.sublabel}>{item.sublabel}</span> : null}
          </p>
          <span className="bar-list-value">{item.display}</span>
          {/* Empty, so nothing for a screen reader: the value is the text beside it. */}
          <i style={{ "--w": `${percentOf(item.value, scaleMax)}%` } as CSSProperties} />
        </li>
      ))}
    </ol>
  );
}

/** The table alternative for a BarList: "1. Label – sublabel" as the row header, then the display value. */
export function barListTable(items: BarListItem[], columns: [string, string] = ["Name", "Value"], startRank = 1): ChartTable {
  return {
    columns: [...columns],
    rows: items.map((item, index) => [`${startRank + index}. ${item.label}${item.sublabel ? ` – ${item.sublabel}` : ""}`, item.display]),
  };
}
