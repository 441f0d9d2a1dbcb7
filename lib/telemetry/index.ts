export { logger, type Logger } from "./logger";
export { countEvent, readCounters } from "./counters";
