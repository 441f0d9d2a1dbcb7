export { createLogger, logger, type Logger } from "./logger";
export { countEvent, observeDuration, readCounters, readDurations, type DurationStats } from "./counters";
export {
  flushMetrics,
  metricsStore,
  MetricsRecorder,
  recordCacheLookup,
  recordImportRows,
  recordJobStep,
  recordRequest,
  recordSpotifyCall,
  recordSpotifyPause,
  setMetricsStore,
  type CounterStore,
  type JobStepSample,
  type RequestSample,
  type SpotifyCallSample,
} from "./metrics";
export { readOperationalMetrics, type OperationalMetrics } from "./operational";
export { histogramQuantile, LATENCY_BOUNDS_MS, latencyBucket } from "./histogram";
export { aiSpans, tracingEnabled, withSpan, type Attributes, type Span } from "./spans";
export { hashedListenerId } from "./identity";
export { requestContext, runWithRequestContext, type RequestLogContext } from "./request-context";
