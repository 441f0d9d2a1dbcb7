/** "On this day": what the listener played on the same date in earlier years. */
import {
  civilFromDays,
  dateToDayNumber,
  dayNumberToDate,
  daysFromCivil,
  daysInMonth,
  type ListeningIndex,
  localDayNumber,
  localDayStart,
} from "@/lib/listening";
import { clampLimit, compareText, itemArtist, itemName, rowSlice } from "./query";
import { isListen } from "../definitions";

/** One earlier year's listening on the date. */
export interface OnThisDayYear {
  year: number;
  /** The local date, "YYYY-MM-DD". */
  date: string;
  /** Listens (plays of at least the threshold). */
  plays: number;
  /** All time played, skips included. */
  msPlayed: number;
  /** The most-listened tracks that day (by listens, then time). */
  tracks: Array<{ id: number; name: string; artist: string; plays: number }>;
}

/** Options of `onThisDay`. */
export interface OnThisDayOptions {
  /** Today's local date, "YYYY-MM-DD". */
  date: string;
  timeZone: string;
  listenThresholdMs: number;
  /** Tracks per year (default 3). */
  limit?: number;
}

/**
 * The same month and day in every earlier year with a listen, newest year first. 29 February only
 * matches leap years. An invalid date gives an empty list.
 */
export function onThisDay(index: ListeningIndex, options: OnThisDayOptions): OnThisDayYear[] {
  const today = dateToDayNumber(options.date);
  if (today === null || index.count === 0) return [];
  const { year, month, day } = civilFromDays(today);
  const firstYear = civilFromDays(localDayNumber(index.playedAt[0] as number, options.timeZone)).year;
  const limit = clampLimit(options.limit, 3);
  const listens = new Int32Array(index.tracks.length);
  const time = new Float64Array(index.tracks.length);
  const result: OnThisDayYear[] = [];
  for (let earlier = year - 1; earlier >= firstYear; earlier--) {
    if (day > daysInMonth(earlier, month)) continue;
    const dayNumber = daysFromCivil(earlier, month, day);
    const { start, end } = rowSlice(index, localDayStart(dayNumber, options.timeZone), localDayStart(dayNumber + 1, options.timeZone));
    let plays = 0;
    let msPlayed = 0;
    const touched: number[] = [];
    for (let row = start; row < end; row++) {
      const track = index.track[row] as number;
      const played = index.msPlayed[row] as number;
      msPlayed += played;
      if (!isListen(played, options.listenThresholdMs)) continue;
      plays++;
      if (listens[track] === 0) touched.push(track);
      listens[track] = (listens[track] as number) + 1;
      time[track] = (time[track] as number) + played;
    }
    if (plays === 0) continue;
    touched.sort(
      (a, b) =>
        (listens[b] as number) - (listens[a] as number) ||
        (time[b] as number) - (time[a] as number) ||
        compareText(itemName(index, "track", a), itemName(index, "track", b)) ||
        a - b,
    );
    result.push({
      year: earlier,
      date: dayNumberToDate(dayNumber),
      plays,
      msPlayed,
      tracks: touched.slice(0, limit).map((id) => ({
        id,
        name: itemName(index, "track", id),
        artist: itemArtist(index, "track", id) ?? "",
        plays: listens[id] as number,
      })),
    });
    for (const track of touched) {
      listens[track] = 0;
      time[track] = 0;
    }
  }
  return result;
}
