/** Item pages: one track, artist or album over all time, and lookups between ids and URL keys. */
import {
  civilFromDays,
  type ItemKind,
  type ListeningIndex,
  localCalendar,
  monthNumberOfDay,
  monthNumberStart,
  monthNumberToString,
} from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { monthAt, monthLookup } from "./days";
import { yearQuery } from "./recap";
import { clampLimit, compareText, itemArtist, itemColumn, itemCount, itemName, rowSlice, topK } from "./query";
import { SLOT, scratchInt32 } from "./scratch";
import { isListen, SESSION_GAP_MS } from "../definitions";
import { itemStats } from "./stats";
import { countItems, rankItems } from "./top";

/** One month of an item's history. */
export interface HistoryMonth {
  /** "YYYY-MM". */
  month: string;
  /** Listens. */
  plays: number;
  msPlayed: number;
}

/** The item's rank among all items of its kind in one year. */
export interface YearRank {
  year: number;
  /** 1-based: one more than the items with more listens that year. */
  rank: number;
  /** Listens that year. */
  plays: number;
}

/** An item often listened to in the same sessions. */
export interface Companion {
  id: number;
  /** Dictionary key, for URLs. */
  key: string;
  kind: ItemKind;
  name: string;
  artist?: string;
  /** Sessions in which both were listened to. */
  together: number;
}

/** A track on an artist or album page. */
export interface DetailTrack {
  id: number;
  /** Dictionary key, for URLs. */
  key: string;
  name: string;
  /** Listens, all time. */
  plays: number;
  msPlayed: number;
}

/** Everything an item page shows, all time. */
export interface ItemDetail {
  kind: ItemKind;
  id: number;
  key: string;
  name: string;
  /** The artist's name, for tracks and albums. */
  artist?: string;
  /** Listens (plays of at least the threshold). */
  plays: number;
  /** Every play, skips included. */
  allPlays: number;
  /** All time played, skips included. */
  msPlayed: number;
  /** Epoch ms of the first listen (null when every play was a skip): the first month of `history` and year of `rankByYear`. */
  firstListenAt: number | null;
  /** Epoch ms of the last listen (null when every play was a skip). */
  lastListenAt: number | null;
  /** Every local month from the first listen's to the last listen's, zero months included. */
  history: HistoryMonth[];
  /** Years in which the item has a listen, oldest first. */
  rankByYear: YearRank[];
  /** Up to 10 items of the same kind most often listened to in the same sessions. */
  companions: Companion[];
  /** For artists and albums: their top 10 tracks by listens. */
  topTracks?: DetailTrack[];
}

/** Options of `itemDetail`. */
export interface ItemDetailOptions {
  kind: ItemKind;
  id: number;
  timeZone: string;
  listenThresholdMs: number;
}

const COMPANIONS = 10;
const DETAIL_TRACKS = 10;

/**
 * An item's page data, or null when the id is out of range (or the item has no plays). First and
 * last listen, the monthly history and the yearly ranks all come from the item's listens, in the
 * listener's zone: the first listen's month is the history's first month and its year the first
 * year with a rank.
 */
export function itemDetail(index: ListeningIndex, options: ItemDetailOptions): ItemDetail | null {
  const { kind, id, timeZone, listenThresholdMs } = options;
  if (!Number.isInteger(id) || id < 0 || id >= itemCount(index, kind)) return null;
  const stats = itemStats(index, kind, listenThresholdMs);
  if ((stats.plays[id] as number) === 0) return null;
  const column = itemColumn(index, kind);
  const firstRow = stats.firstListenRow[id] as number;
  const lastRow = stats.lastListenRow[id] as number;
  const listened = firstRow >= 0;

  const artist = itemArtist(index, kind, id);
  return {
    kind,
    id,
    key: itemKey(index, kind, id) ?? "",
    name: itemName(index, kind, id),
    ...(artist === undefined ? {} : { artist }),
    plays: stats.listens[id] as number,
    allPlays: stats.plays[id] as number,
    msPlayed: stats.totalMs[id] as number,
    firstListenAt: listened ? (index.playedAt[firstRow] as number) : null,
    lastListenAt: listened ? (index.playedAt[lastRow] as number) : null,
    history: listened ? history(index, column, id, firstRow, lastRow + 1, localCalendar(index, timeZone).day, listenThresholdMs) : [],
    rankByYear: listened ? rankByYear(index, kind, id, firstRow, lastRow, timeZone, listenThresholdMs) : [],
    companions: companions(index, kind, id, listenThresholdMs),
    ...(kind === "track" ? {} : { topTracks: topTracks(index, column, id, 0, index.count, listenThresholdMs) }),
  };
}

/** Listens and time per month, from the month of row `start` (the first listen) to that of row `end - 1` (the last). */
function history(
  index: ListeningIndex,
  column: Int32Array,
  id: number,
  start: number,
  end: number,
  day: Int32Array,
  listenThresholdMs: number,
): HistoryMonth[] {
  // Whole months from the first listen's to the last listen's: their skips count as time too.
  const firstDay = monthNumberStart(monthNumberOfDay(day[start] as number));
  const lastDay = monthNumberStart(monthNumberOfDay(day[end - 1] as number) + 1) - 1;
  const lookup = monthLookup(firstDay, lastDay);
  const plays = new Int32Array(lookup.months);
  const time = new Float64Array(lookup.months);
  for (let row = 0; row < index.count; row++) {
    if (column[row] !== id) continue;
    const rowDay = day[row] as number;
    if (rowDay < firstDay || rowDay > lastDay) continue;
    const month = monthAt(lookup, rowDay);
    const played = index.msPlayed[row] as number;
    time[month] = (time[month] as number) + played;
    if (isListen(played, listenThresholdMs)) plays[month] = (plays[month] as number) + 1;
  }
  return Array.from(plays, (count, month) => ({
    month: monthNumberToString(lookup.firstMonth + month),
    plays: count,
    msPlayed: time[month] as number,
  }));
}

function rankByYear(
  index: ListeningIndex,
  kind: ItemKind,
  id: number,
  firstRow: number,
  lastRow: number,
  timeZone: string,
  listenThresholdMs: number,
): YearRank[] {
  const day = localCalendar(index, timeZone).day;
  const firstYear = civilFromDays(day[firstRow] as number).year;
  const lastYear = civilFromDays(day[lastRow] as number).year;
  const ranks: YearRank[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const q = yearQuery(year, timeZone, listenThresholdMs);
    const { start, end } = rowSlice(index, q.from, q.to);
    const { listens } = countItems(index, kind, start, end, listenThresholdMs);
    const own = listens[id] as number;
    if (own === 0) continue;
    let above = 0;
    for (let other = 0; other < listens.length; other++) if ((listens[other] as number) > own) above++;
    ranks.push({ year, rank: above + 1, plays: own });
  }
  return ranks;
}

/** Items of the same kind listened to in the sessions (all time) where this one was listened to. */
function companions(index: ListeningIndex, kind: ItemKind, id: number, listenThresholdMs: number): Companion[] {
  const column = itemColumn(index, kind);
  const size = itemCount(index, kind);
  const together = scratchInt32(SLOT.FIRST, size);
  /** The first row (plus one) of the last session each item was counted in. */
  const lastSession = scratchInt32(SLOT.SECOND, size);
  const { playedAt, msPlayed } = index;
  let sessionStart = 0;
  let sessionEnd = Number.NEGATIVE_INFINITY;
  let hasItem = false;
  // One walk: a session's rows are tallied when it closes, only if the item was listened to in it.
  const close = (end: number) => {
    if (!hasItem) return;
    for (let row = sessionStart; row < end; row++) {
      const other = column[row] as number;
      if (other < 0 || other === id || !isListen(msPlayed[row] as number, listenThresholdMs) || lastSession[other] === sessionStart + 1)
        continue;
      lastSession[other] = sessionStart + 1;
      together[other] = (together[other] as number) + 1;
    }
  };
  for (let row = 0; row < index.count; row++) {
    const endedAt = playedAt[row] as number;
    if (endedAt - (msPlayed[row] as number) - sessionEnd > SESSION_GAP_MS) {
      close(row);
      sessionStart = row;
      hasItem = false;
    }
    sessionEnd = Math.max(sessionEnd, endedAt);
    if (!hasItem && column[row] === id && isListen(msPlayed[row] as number, listenThresholdMs)) hasItem = true;
  }
  close(index.count);
  const best = topK(
    size,
    COMPANIONS,
    (other) => (together[other] as number) > 0,
    (a, b) => (together[b] as number) - (together[a] as number) || compareText(itemName(index, kind, a), itemName(index, kind, b)) || a - b,
  );
  return best.map((other) => {
    const artist = itemArtist(index, kind, other);
    return {
      id: other,
      key: itemKey(index, kind, other) ?? "",
      kind,
      name: itemName(index, kind, other),
      ...(artist === undefined ? {} : { artist }),
      together: together[other] as number,
    };
  });
}

function topTracks(
  index: ListeningIndex,
  column: Int32Array,
  id: number,
  start: number,
  end: number,
  listenThresholdMs: number,
): DetailTrack[] {
  const counters = countItems(index, "track", 0, 0, listenThresholdMs);
  for (let row = start; row < end; row++) {
    if (column[row] !== id) continue;
    const track = index.track[row] as number;
    const played = index.msPlayed[row] as number;
    counters.msPlayed[track] = (counters.msPlayed[track] as number) + played;
    if (isListen(played, listenThresholdMs)) counters.listens[track] = (counters.listens[track] as number) + 1;
  }
  return rankItems(index, "track", counters, "plays", clampLimit(DETAIL_TRACKS, DETAIL_TRACKS)).map((track) => ({
    id: track,
    key: itemKey(index, "track", track) ?? "",
    name: itemName(index, "track", track),
    plays: counters.listens[track] as number,
    msPlayed: counters.msPlayed[track] as number,
  }));
}

const keyMaps = perProcess("insights.itemKeys", () => new WeakMap<ListeningIndex, Partial<Record<ItemKind, Map<string, number>>>>());

/** The id of the item of a kind with a dictionary key (for URLs), or -1 when there is none. */
export function findItem(index: ListeningIndex, kind: ItemKind, key: string): number {
  let byKind = keyMaps.get(index);
  if (!byKind) {
    byKind = {};
    keyMaps.set(index, byKind);
  }
  let ids = byKind[kind];
  if (!ids) {
    ids = new Map();
    const entries = kind === "track" ? index.tracks : kind === "artist" ? index.artists : index.albums;
    for (let id = entries.length - 1; id >= 0; id--) ids.set((entries[id] as { key: string }).key, id);
    byKind[kind] = ids;
  }
  return ids.get(key) ?? -1;
}

/** The dictionary key of an item (stable across index revisions, for URLs), or null when the id is out of range. */
export function itemKey(index: ListeningIndex, kind: ItemKind, id: number): string | null {
  const entry = kind === "track" ? index.tracks[id] : kind === "artist" ? index.artists[id] : index.albums[id];
  return entry?.key ?? null;
}
