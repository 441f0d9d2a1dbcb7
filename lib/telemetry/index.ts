export { logger, type Logger } from "./logger";
export { countEvent, observeDuration, readCounters, readDurations, type DurationStats } from "./counters";
