export { DuplicateKeyError, EmbeddedStoreError, StoreUnavailableError } from "./errors";
export type {
  BulkOperation,
  BulkWriteResult,
  FindOptions,
  IndexSpec,
  InsertManyResult,
  Store,
  StoreCollection,
  StoredDocument,
  StoreKind,
  UpdateResult,
} from "./port";
export * from "./schema";
export { closeStore, ensureIndexes, getStore, openStoreAtStart } from "./store";
export { alertsRepository, type AlertFiring, type AlertsRepository } from "./repositories/alerts";
export { accountsRepository, type AccountsRepository, type TokenSet } from "./repositories/accounts";
export {
  listeningRepository,
  segmentIdOf,
  type ListeningRepository,
  type PendingMarker,
  type SeedState,
  type SegmentPayload,
} from "./repositories/listening";
export { playlistsRepository, playlistVersionId, type PlaylistContent, type PlaylistsRepository } from "./repositories/playlists";
export { sharesRepository, type SharesRepository } from "./repositories/shares";
export { blendPairKey, blendsRepository, inviteHashOf, type AcceptOutcome, type BlendsRepository } from "./repositories/blends";
export { chatsRepository, usageRepository, type ChatsRepository } from "./repositories/chats";
export { feedbackRepository, type FeedbackRepository } from "./repositories/feedback";
export {
  appendHistory,
  backoffMs,
  DEFAULT_MAX_ATTEMPTS,
  JOB_HISTORY_LIMIT,
  jobIdOf,
  jobsRepository,
  type JobClaim,
  type JobsRepository,
} from "./repositories/jobs";
export { importsRepository, type ChunkTally, type ImportsRepository } from "./repositories/imports";
export { playId, playsRepository, type NewPlay, type PlaysRepository, type TimeRange } from "./repositories/plays";
export { dayOf, rollupsRepository, type PlayTally, type RollupsRepository } from "./repositories/rollups";
export {
  DEFAULT_RECENT_DAYS,
  DEMO_TIME_ZONE,
  DEMO_USER_ID,
  defaultSettings,
  isDemoVisitorId,
  isRemovableListenerId,
  newDemoVisitorId,
  recentDaysOf,
  settingsFingerprint,
  timeZoneSourceOf,
  usersRepository,
  type SpotifyProfile,
  type UsersRepository,
} from "./repositories/users";
// The adapters themselves, for benchmarks and for tests that open a store of their own.
export { EmbeddedStore } from "./embedded/store";
export { assertEmbeddedStoreCanLive } from "./embedded/placement";
export { MongoStore } from "./mongodb";
