/** Class names the charts share (one place for the data colour and the plots' boxes). */
export const chartStyles = {
  /**
   * Data colour: --primary darkened a quarter toward --foreground, so bars keep 3:1 against the
   * card in light mode (plain --primary is ~2:1 on white) and stay bright in dark mode.
   */
  dataFill: "fill-[color-mix(in_oklab,var(--primary),var(--foreground)_25%)]",
  dataText: "text-[color-mix(in_oklab,var(--primary),var(--foreground)_25%)]",
  /** A chart's card (`chart-card`, globals.css: a dashboard has a dozen). */
  figure: "chart-card",
  summary: "text-sm",
  /**
   * Time series: y-label gutter + plot; the plot's height follows its width. A size container, so
   * x labels show by the chart's width (see axis.ts); the top padding holds the top y label's half.
   */
  seriesGrid: "@container grid grid-cols-[2.5rem_minmax(0,1fr)] gap-x-2 pt-2",
  seriesPlot: "relative aspect-[2/1] sm:aspect-[3/1]",
  /** The x axis's labels (`x-ticks`, globals.css: each placed by its --x, a chart has dozens). */
  seriesTicks: "x-ticks mt-1.5",
  /** Heatmap: day-label gutter + 24 × 7 plot (taller cells on small screens). */
  heatGrid: "@container grid grid-cols-[2rem_minmax(0,1fr)] gap-x-2",
  heatPlot: "relative aspect-[24/11] sm:aspect-[24/7]",
  heatTicks: "x-ticks mt-1",
  legend: "mt-3 flex h-4 items-center gap-1.5 text-xs leading-4 text-muted-foreground",
  shareBar: "flex h-4 w-full gap-0.5 overflow-hidden rounded-md",
} as const;
