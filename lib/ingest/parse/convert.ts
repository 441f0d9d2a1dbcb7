/**
 * One export row to one `ImportRow`, or the reason it is not imported. Only the listed fields are
 * read, so personal ones (ip_addr, ip_addr_decrypted, user_agent_decrypted, username,
 * offline_timestamp) can never reach the output.
 */
import type { ImportRow, RejectionReason } from "../rows";
import {
  codeField,
  flagField,
  isSet,
  MAX_COUNTRY_LENGTH,
  MAX_PLATFORM_LENGTH,
  MAX_REASON_LENGTH,
  msPlayedField,
  nameField,
  parseInstant,
  parseMinuteTime,
  trackIdField,
} from "./fields";

export type RowConverter = (raw: unknown, latestMs: number) => ImportRow | RejectionReason;

type Fields = Record<string, unknown>;

const isRecord = (raw: unknown): raw is Fields => typeof raw === "object" && raw !== null && !Array.isArray(raw);

/** When a stream ended (epoch ms), or why that can't be told; `latestMs` is the last instant believed. */
function endedMs(value: unknown, parse: (text: string) => number, latestMs: number): number | RejectionReason {
  if (value === null || value === undefined || value === "") return "missing_fields";
  if (typeof value !== "string") return "invalid_value";
  const ms = parse(value);
  if (Number.isNaN(ms)) return "malformed_timestamp";
  return ms > latestMs ? "future_timestamp" : ms;
}

/**
 * A row of the extended streaming history (`Streaming_History_Audio_*`, `endsong_*`), current or
 * pre-2019 field names. Extra and missing keys are fine; a key of the wrong type is not.
 */
export const extendedRow: RowConverter = (raw, latestMs) => {
  if (!isRecord(raw)) return "invalid_value";
  if (isSet(raw.audiobook_title) || isSet(raw.audiobook_uri) || isSet(raw.audiobook_chapter_uri) || isSet(raw.audiobook_chapter_title)) {
    return "audiobook";
  }
  if (isSet(raw.episode_name) || isSet(raw.episode_show_name) || isSet(raw.spotify_episode_uri)) return "podcast_episode";

  const trackName = nameField(raw.master_metadata_track_name);
  const artistName = nameField(raw.master_metadata_album_artist_name);
  const albumName = nameField(raw.master_metadata_album_album_name);
  if (trackName === undefined || artistName === undefined || albumName === undefined) return "invalid_value";
  if (trackName === null || artistName === null) return "missing_fields";

  const ended = endedMs(raw.ts, parseInstant, latestMs);
  if (typeof ended === "string") return ended;
  const msPlayed = msPlayedField(raw.ms_played);
  if (msPlayed === null) return "missing_fields";

  const trackId = trackIdField(raw.spotify_track_uri);
  const platform = codeField(raw.platform, MAX_PLATFORM_LENGTH);
  const reasonStart = codeField(raw.reason_start, MAX_REASON_LENGTH);
  const reasonEnd = codeField(raw.reason_end, MAX_REASON_LENGTH);
  const country = codeField(raw.conn_country, MAX_COUNTRY_LENGTH);
  const shuffle = flagField(raw.shuffle);
  const skipped = flagField(raw.skipped);
  const offline = flagField(raw.offline);
  const incognito = flagField(raw.incognito_mode);
  if (
    msPlayed === undefined ||
    trackId === undefined ||
    platform === undefined ||
    reasonStart === undefined ||
    reasonEnd === undefined ||
    country === undefined ||
    shuffle === undefined ||
    skipped === undefined ||
    offline === undefined ||
    incognito === undefined
  ) {
    return "invalid_value";
  }
  return {
    kind: "extended",
    endedAt: new Date(ended).toISOString(),
    trackId,
    trackName,
    artistName,
    albumName,
    msPlayed,
    platform,
    reasonStart,
    reasonEnd,
    shuffle,
    skipped,
    offline,
    incognito,
    country,
  };
};

/**
 * A row of the account data's short history (`StreamingHistory_music_*`, `StreamingHistory<N>`):
 * `{endTime: "YYYY-MM-DD HH:mm", artistName, trackName, msPlayed}`, no URI, no album.
 */
export const accountRow: RowConverter = (raw, latestMs) => {
  if (!isRecord(raw)) return "invalid_value";
  if (isSet(raw.audiobookName) || isSet(raw.chapterName)) return "audiobook";
  if (isSet(raw.episodeName) || isSet(raw.podcastName)) return "podcast_episode";

  const trackName = nameField(raw.trackName);
  const artistName = nameField(raw.artistName);
  if (trackName === undefined || artistName === undefined) return "invalid_value";
  if (trackName === null || artistName === null) return "missing_fields";

  const ended = endedMs(raw.endTime, parseMinuteTime, latestMs);
  if (typeof ended === "string") return ended;
  const msPlayed = msPlayedField(raw.msPlayed);
  if (msPlayed === null) return "missing_fields";
  if (msPlayed === undefined) return "invalid_value";
  return {
    kind: "account",
    endedAt: new Date(ended).toISOString(),
    trackId: null,
    trackName,
    artistName,
    albumName: null,
    msPlayed,
    platform: null,
    reasonStart: null,
    reasonEnd: null,
    shuffle: null,
    skipped: null,
    offline: null,
    incognito: null,
    country: null,
  };
};

/** Every row of a file that is skipped as a whole (video, podcasts, audiobooks) gets the same reason. */
export const rejectAll =
  (reason: RejectionReason): RowConverter =>
  () =>
    reason;
