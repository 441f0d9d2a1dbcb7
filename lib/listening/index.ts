/**
 * The listening layer: every play of a listener as an in-memory index, the segment format it is
 * stored in, the identity rules of a play and the local-time helpers over plays. Above lib/db;
 * insights, reco, assistant and ingest build on it, and it imports none of them.
 */
export { IndexBuilder, PLATFORM_FAMILIES, platformFamily, type PlatformFamily } from "./build";
export {
  finishPending,
  PENDING_LEASE_MS,
  rebuildListening,
  storePlayBatch,
  type BatchResult,
  type PlayBatch,
  type PlayStatus,
  type RepairReport,
} from "./batches";
export { demoIndexRows } from "./demo-rows";
export { nameKeyFor, normaliseName, removalKey, trackKeyFor } from "./identity";
export { historyOwner, listenerIndex, listenerNow, readsDemoHistory } from "./listener";
export {
  emptyIndex,
  FLAG_MINUTE,
  FLAG_SHUFFLE,
  FLAG_SKIPPED,
  type AlbumEntry,
  type ArtistEntry,
  type ItemKind,
  type ListeningIndex,
  type TrackEntry,
} from "./listening-index";
export { compactSegments, loadListeningIndex, storedPlayKeys } from "./load";
export { toPlayRow, type PlayFacts, type PlayRow } from "./row";
export { decodePlays, decodeRemoved, encodePlays, encodeRemoved, type EncodedSegment } from "./segments";
export * from "./time";
