/**
 * One export row to one `ImportRow`, or the reason it is not imported. Only the listed fields are
 * read, so personal ones (ip_addr, ip_addr_decrypted, user_agent_decrypted, username,
 * offline_timestamp) can never reach the output.
 */
import { isoString } from "@/lib/iso-time";
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

/** Where a rejected row went wrong: the export's own key, or null when the row itself is not an object. */
export interface RowProblem {
  field: string | null;
}

/**
 * Converts a row, or says why not; on a rejection `problem.field` names the key at fault. The
 * caller's one `problem` object is reused for every row: no allocation per row.
 */
export type RowConverter = (raw: unknown, latestMs: number, problem: RowProblem) => ImportRow | RejectionReason;

type Fields = Record<string, unknown>;

const isRecord = (raw: unknown): raw is Fields => typeof raw === "object" && raw !== null && !Array.isArray(raw);

const AUDIOBOOK_KEYS = ["audiobook_title", "audiobook_uri", "audiobook_chapter_uri", "audiobook_chapter_title"] as const;
const EPISODE_KEYS = ["episode_name", "episode_show_name", "spotify_episode_uri"] as const;

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
export const extendedRow: RowConverter = (raw, latestMs, problem) => {
  const fail = (field: string | null, reason: RejectionReason) => {
    problem.field = field;
    return reason;
  };
  if (!isRecord(raw)) return fail(null, "invalid_value");
  for (const key of AUDIOBOOK_KEYS) if (isSet(raw[key])) return fail(key, "audiobook");
  for (const key of EPISODE_KEYS) if (isSet(raw[key])) return fail(key, "podcast_episode");

  const trackName = nameField(raw.master_metadata_track_name);
  if (trackName === undefined) return fail("master_metadata_track_name", "invalid_value");
  const artistName = nameField(raw.master_metadata_album_artist_name);
  if (artistName === undefined) return fail("master_metadata_album_artist_name", "invalid_value");
  const albumName = nameField(raw.master_metadata_album_album_name);
  if (albumName === undefined) return fail("master_metadata_album_album_name", "invalid_value");
  if (trackName === null) return fail("master_metadata_track_name", "missing_fields");
  if (artistName === null) return fail("master_metadata_album_artist_name", "missing_fields");

  const ended = endedMs(raw.ts, parseInstant, latestMs);
  if (typeof ended === "string") return fail("ts", ended);
  const msPlayed = msPlayedField(raw.ms_played);
  if (msPlayed === null) return fail("ms_played", "missing_fields");
  if (msPlayed === undefined) return fail("ms_played", "invalid_value");

  const trackId = trackIdField(raw.spotify_track_uri);
  if (trackId === undefined) return fail("spotify_track_uri", "invalid_value");
  const platform = codeField(raw.platform, MAX_PLATFORM_LENGTH);
  if (platform === undefined) return fail("platform", "invalid_value");
  const reasonStart = codeField(raw.reason_start, MAX_REASON_LENGTH);
  if (reasonStart === undefined) return fail("reason_start", "invalid_value");
  const reasonEnd = codeField(raw.reason_end, MAX_REASON_LENGTH);
  if (reasonEnd === undefined) return fail("reason_end", "invalid_value");
  const country = codeField(raw.conn_country, MAX_COUNTRY_LENGTH);
  if (country === undefined) return fail("conn_country", "invalid_value");
  const shuffle = flagField(raw.shuffle);
  if (shuffle === undefined) return fail("shuffle", "invalid_value");
  const skipped = flagField(raw.skipped);
  if (skipped === undefined) return fail("skipped", "invalid_value");
  const offline = flagField(raw.offline);
  if (offline === undefined) return fail("offline", "invalid_value");
  const incognito = flagField(raw.incognito_mode);
  if (incognito === undefined) return fail("incognito_mode", "invalid_value");
  return {
    kind: "extended",
    endedAt: isoString(ended),
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
export const accountRow: RowConverter = (raw, latestMs, problem) => {
  const fail = (field: string | null, reason: RejectionReason) => {
    problem.field = field;
    return reason;
  };
  if (!isRecord(raw)) return fail(null, "invalid_value");
  for (const key of ["audiobookName", "chapterName"]) if (isSet(raw[key])) return fail(key, "audiobook");
  for (const key of ["episodeName", "podcastName"]) if (isSet(raw[key])) return fail(key, "podcast_episode");

  const trackName = nameField(raw.trackName);
  if (trackName === undefined) return fail("trackName", "invalid_value");
  const artistName = nameField(raw.artistName);
  if (artistName === undefined) return fail("artistName", "invalid_value");
  if (trackName === null) return fail("trackName", "missing_fields");
  if (artistName === null) return fail("artistName", "missing_fields");

  const ended = endedMs(raw.endTime, parseMinuteTime, latestMs);
  if (typeof ended === "string") return fail("endTime", ended);
  const msPlayed = msPlayedField(raw.msPlayed);
  if (msPlayed === null) return fail("msPlayed", "missing_fields");
  if (msPlayed === undefined) return fail("msPlayed", "invalid_value");
  return {
    kind: "account",
    endedAt: isoString(ended),
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
  (_raw, _latestMs, problem) => {
    problem.field = null;
    return reason;
  };
