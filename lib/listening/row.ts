import { FLAG_MINUTE, FLAG_SHUFFLE, FLAG_SKIPPED } from "./listening-index";

/**
 * One play as the listening layer keeps it: what segments store, what decoding gives and what the
 * index builder takes. Enough for every insight, nothing personal.
 */
export interface PlayRow {
  /** Epoch ms when playback ended. */
  playedAt: number;
  msPlayed: number;
  /** `spotify:track:<id>` or the normalised `artist|title` (see `trackKeyFor`). */
  trackKey: string;
  trackId: string | null;
  trackName: string;
  artistName: string;
  albumName: string | null;
  /** The raw Spotify platform string. */
  platform: string | null;
  /** `FLAG_SKIPPED | FLAG_SHUFFLE | FLAG_MINUTE` bits. */
  flags: number;
}

/** A play as a source describes it (a stored play, an import row, a generated stream). */
export interface PlayFacts {
  playedAt: Date | number;
  msPlayed: number;
  trackKey: string;
  trackId: string | null;
  trackName: string;
  artistName: string;
  albumName: string | null;
  platform: string | null;
  skipped: boolean | null;
  reasonEnd: string | null;
  shuffle: boolean | null;
  /** Account-data rows only know the minute. */
  timePrecision?: "second" | "minute";
}

/** A play as a row: Spotify's skip (`skipped`, or `reason_end` = "fwdbtn"), shuffle and precision as flags. */
export function toPlayRow(play: PlayFacts): PlayRow {
  return {
    playedAt: typeof play.playedAt === "number" ? play.playedAt : play.playedAt.getTime(),
    msPlayed: play.msPlayed,
    trackKey: play.trackKey,
    trackId: play.trackId,
    trackName: play.trackName,
    artistName: play.artistName,
    albumName: play.albumName,
    platform: play.platform,
    flags:
      (play.skipped === true || play.reasonEnd === "fwdbtn" ? FLAG_SKIPPED : 0) |
      (play.shuffle === true ? FLAG_SHUFFLE : 0) |
      (play.timePrecision === "minute" ? FLAG_MINUTE : 0),
  };
}
