/** The dashboard's widgets, one file each. */
export { ClockWidget } from "./clock";
export { DiscoveryWidget } from "./discovery";
export { GenresWidget } from "./genres";
export { OnThisDayWidget } from "./on-this-day";
export { PlatformsWidget } from "./platforms";
export { SessionsWidget } from "./sessions";
export { SkipsWidget } from "./skips";
export { StreaksWidget } from "./streaks";
export { SummaryTiles } from "./summary-tiles";
export { TimelineWidget } from "./timeline";
export { TopWidget } from "./top";
