import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { DEFAULT_EMPTY_TEXT } from "./types";

/** What a chart shows instead of an empty plot: one short sentence in a dashed box. */
export function ChartEmpty({ children = DEFAULT_EMPTY_TEXT, className }: { children?: ReactNode; className?: string }) {
  return (
    <div
      data-chart-empty=""
      className={cn(
        "flex items-center justify-center rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground",
        className,
      )}
    >
      <p>{children}</p>
    </div>
  );
}
