/**
 * The demo listener's world: an invented catalog, years of listening history and the Spotify
 * privacy-export files made from it. Every function here is a pure function of its arguments: the
 * demo listener's history depends on the day only through the instant a caller passes.
 */
export { demoArtSvg, initials, type DemoArtKind } from "./art";
export {
  buildDemoCatalog,
  DEMO_CATALOG_HORIZON,
  DEMO_CATALOG_SIZE,
  demoImageUrl,
  getDemoCatalog,
  type DemoAlbum,
  type DemoAlbumType,
  type DemoArtist,
  type DemoCatalog,
  type DemoEpisode,
  type DemoShow,
  type DemoTrack,
} from "./catalog";
export type { DemoPlatform } from "./devices";
export {
  ACCOUNT_DATA_FOLDER,
  ACCOUNT_DATA_ROWS_PER_FILE,
  DEFAULT_MAX_BYTES_PER_FILE,
  demoUsername,
  EXTENDED_FIELDS,
  EXTENDED_HISTORY_FOLDER,
  LEGACY_EXTENDED_FIELDS,
  LEGACY_ROWS_BEFORE,
  writeAccountData,
  writeExtendedHistory,
  type AccountDataOptions,
  type ExportFile,
  type ExtendedHistoryOptions,
} from "./export";
export { DEMO_GENRES, genresById, type DemoGenre, type GenreFamily } from "./genres";
export {
  DEFAULT_HISTORY_END,
  DEMO_LISTENER,
  generateListeningHistory,
  MAX_DEMO_PLAYS,
  MAX_DEMO_PLAYS_PER_DAY,
  type DemoStream,
  type ListeningHistoryOptions,
  type ReasonEnd,
  type ReasonStart,
} from "./history";
export { base62Id, createRandom, hashString, type Random } from "./random";
export { demoHistoryDay, demoHistoryEnd, demoListenerOptions, type DemoListenerOptions } from "./today";
