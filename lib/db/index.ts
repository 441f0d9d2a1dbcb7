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
export { closeStore, ensureIndexes, getStore } from "./store";
export { accountsRepository, type AccountsRepository, type TokenSet } from "./repositories/accounts";
export { decodePlays, encodePlays, listeningRepository, removalKey, type ListeningRepository, type SegmentPlay, type SegmentRow } from "./repositories/listening";
export { sharesRepository, type SharesRepository } from "./repositories/shares";
export { chatsRepository, usageRepository, type ChatsRepository } from "./repositories/chats";
export { feedbackRepository, type FeedbackRepository } from "./repositories/feedback";
export { importsRepository, type ChunkTally, type ImportsRepository } from "./repositories/imports";
export { nameKeyFor, normaliseName, playId, playsRepository, trackKeyFor, type NewPlay, type PlaysRepository, type TimeRange } from "./repositories/plays";
export { dayOf, rollupsRepository, type PlayTally, type RollupsRepository } from "./repositories/rollups";
export { DEMO_TIME_ZONE, DEMO_USER_ID, defaultSettings, usersRepository, type SpotifyProfile, type UsersRepository } from "./repositories/users";
