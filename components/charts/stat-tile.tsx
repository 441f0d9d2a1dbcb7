import { ArrowDownRightIcon, ArrowRightIcon, ArrowUpRightIcon, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

export interface StatTileProps {
  label: string;
  /** The number as shown: "1,234", or "1,234 hours" without a separate `unit`. */
  value: string;
  /** The value's unit ("min", "plays"), set smaller after it: every number carries its unit. */
  unit?: string;
  /** Change text: "+12% vs last year". Direction is read from `trend` (arrow icon), never from colour. */
  delta?: string;
  trend?: "up" | "down" | "flat";
  /** Optional small line under the value ("Since Jan 2019"). */
  hint?: ReactNode;
  className?: string;
}

const TREND_WORDS: Record<NonNullable<StatTileProps["trend"]>, string> = { up: "Up", down: "Down", flat: "Unchanged" };

const TREND_ICONS: Record<NonNullable<StatTileProps["trend"]>, LucideIcon> = {
  up: ArrowUpRightIcon,
  down: ArrowDownRightIcon,
  flat: ArrowRightIcon,
};

/**
 * A big number with its label as a description list (label = `<dt>`, value and delta = `<dd>`). The
 * `stat-tile` utility styles the parts by position (a page shows a dozen tiles, each part's classes
 * would be sent for every one): the label, the value with its smaller unit, then small lines.
 */
export function StatTile({ label, value, unit, delta, trend, hint, className }: StatTileProps) {
  const TrendIcon = trend ? TREND_ICONS[trend] : undefined;
  return (
    <dl className={cn("stat-tile", className)}>
      <dt>{label}</dt>
      <dd>
        {value}
        {unit ? <span>{` ${unit}`}</span> : null}
      </dd>
      {delta ? (
        <dd className="flex items-center gap-1">
          {TrendIcon ? <TrendIcon aria-hidden="true" className="size-3.5 shrink-0" /> : null}
          {trend ? <span className="sr-only">{TREND_WORDS[trend]}: </span> : null}
          <span>{delta}</span>
        </dd>
      ) : null}
      {hint ? <dd>{hint}</dd> : null}
    </dl>
  );
}
