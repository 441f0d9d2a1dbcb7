/** Headline numbers of a range: plays, listens, time, skips and how many tracks, artists and days. */
import { FLAG_SKIPPED, type ListeningIndex, localCalendar } from "@/lib/listening";
import { dayMarks, markedDays } from "./days";
import { rowSlice, type InsightQuery } from "./query";
import { SLOT, scratchInt32 } from "./scratch";
import { isListen, isSkip } from "../definitions";

/** The headline numbers of a range. */
export interface Totals {
  /** Every play in the range, skips included. */
  plays: number;
  /** Plays of at least the listen threshold. */
  listens: number;
  msPlayed: number;
  /** Plays Spotify marked skipped or shorter than the threshold. */
  skips: number;
  /** Distinct tracks played. */
  tracks: number;
  /** Distinct artists played. */
  artists: number;
  /** Distinct local days with a play. */
  days: number;
}

/** The headline numbers of a range (one pass over its rows). */
export function totals(index: ListeningIndex, q: InsightQuery): Totals {
  const { start, end } = rowSlice(index, q.from, q.to);
  const seenTracks = scratchInt32(SLOT.FIRST, index.tracks.length);
  const seenArtists = scratchInt32(SLOT.SECOND, index.artists.length);
  const { msPlayed, flags, track, artist } = index;
  const threshold = q.listenThresholdMs;
  let listens = 0;
  let skips = 0;
  let time = 0;
  let tracks = 0;
  let artists = 0;
  for (let row = start; row < end; row++) {
    const ms = msPlayed[row] as number;
    time += ms;
    if (isListen(ms, threshold)) listens++;
    if (isSkip(ms, ((flags[row] as number) & FLAG_SKIPPED) !== 0, threshold)) skips++;
    const trackId = track[row] as number;
    if (seenTracks[trackId] === 0) {
      seenTracks[trackId] = 1;
      tracks++;
    }
    const artistId = artist[row] as number;
    if (seenArtists[artistId] === 0) {
      seenArtists[artistId] = 1;
      artists++;
    }
  }
  const days = end > start ? markedDays(dayMarks(index, localCalendar(index, q.timeZone), start, end, 0)) : 0;
  return { plays: end - start, listens, msPlayed: time, skips, tracks, artists, days };
}
