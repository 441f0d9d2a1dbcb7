/**
 * Listening sessions: runs of plays where each play starts (end minus time played) within a gap
 * of the previous play's end. The dashboard's one "typical length" is the median (see
 * `definitions.ts`); the mean is kept for callers that ask for it.
 */
import type { ListeningIndex } from "@/lib/listening";
import { SESSION_GAP_MS } from "../definitions";
import { clampLimit, rowSlice, type InsightQuery } from "./query";
import { SLOT, scratchFloat64 } from "./scratch";

/** One session of the longest list. */
export interface SessionSummary {
  /** Epoch ms the first play started. */
  start: number;
  /** Epoch ms the last play ended. */
  end: number;
  /** Plays in the session, skips included. */
  plays: number;
  msPlayed: number;
  /** The artist with the most time in the session. */
  topArtist: string;
}

/** Session statistics of a range. */
export interface Sessions {
  count: number;
  /** Mean wall-clock length (end minus start), rounded to the ms; 0 when there are none. */
  averageMs: number;
  /** Median wall-clock length, rounded to the ms; 0 when there are none. */
  medianMs: number;
  /** The longest sessions, longest first (earlier first on equal length). */
  longest: SessionSummary[];
}

/** Options of `sessions`. */
export interface SessionsOptions {
  gapMs?: number;
  limit?: number;
}

/** A session's rows `[first, last)` and its bounds, while the longest ones are collected. */
interface SessionSpan {
  first: number;
  last: number;
  start: number;
  end: number;
}

/**
 * How many sessions a range has, how long they are (wall clock, first start to last end), and the
 * longest few. One walk over the range's rows; lengths go to a reused scratch array.
 */
export function sessions(index: ListeningIndex, q: InsightQuery, options: SessionsOptions = {}): Sessions {
  const gapMs = options.gapMs ?? SESSION_GAP_MS;
  const limit = clampLimit(options.limit, 5);
  const { start, end } = rowSlice(index, q.from, q.to);
  if (end <= start) return { count: 0, averageMs: 0, medianMs: 0, longest: [] };

  const { playedAt, msPlayed } = index;
  const lengths = scratchFloat64(SLOT.FIRST, end - start);
  const longest: SessionSpan[] = [];
  let count = 0;
  let total = 0;
  let first = start;
  let sessionStart = (playedAt[start] as number) - (msPlayed[start] as number);
  let sessionEnd = playedAt[start] as number;
  const close = (last: number) => {
    const length = sessionEnd - sessionStart;
    lengths[count++] = length;
    total += length;
    if (
      limit === 0 ||
      (longest.length === limit && length <= (longest[limit - 1] as SessionSpan).end - (longest[limit - 1] as SessionSpan).start)
    )
      return;
    // Sessions arrive in time order: after the equally long ones keeps the earlier first.
    let at = longest.length;
    while (at > 0 && (longest[at - 1] as SessionSpan).end - (longest[at - 1] as SessionSpan).start < length) at--;
    longest.splice(at, 0, { first, last, start: sessionStart, end: sessionEnd });
    if (longest.length > limit) longest.pop();
  };
  for (let row = start + 1; row < end; row++) {
    const endedAt = playedAt[row] as number;
    const startedAt = endedAt - (msPlayed[row] as number);
    if (startedAt - sessionEnd > gapMs) {
      close(row);
      first = row;
      sessionStart = startedAt;
      sessionEnd = endedAt;
    } else {
      if (startedAt < sessionStart) sessionStart = startedAt;
      if (endedAt > sessionEnd) sessionEnd = endedAt;
    }
  }
  close(end);

  const median = medianOf(lengths.subarray(0, count));
  const artistTime = scratchFloat64(SLOT.SECOND, index.artists.length);
  return {
    count,
    averageMs: Math.round(total / count),
    medianMs: Math.round(median),
    longest: longest.map((span) => summary(index, span, artistTime)),
  };
}

function summary(index: ListeningIndex, span: SessionSpan, artistTime: Float64Array): SessionSummary {
  let msPlayed = 0;
  let topArtist = -1;
  for (let row = span.first; row < span.last; row++) {
    const artist = index.artist[row] as number;
    const played = index.msPlayed[row] as number;
    msPlayed += played;
    artistTime[artist] = (artistTime[artist] as number) + played;
    if (topArtist < 0 || (artistTime[artist] as number) > (artistTime[topArtist] as number)) topArtist = artist;
  }
  for (let row = span.first; row < span.last; row++) artistTime[index.artist[row] as number] = 0;
  return { start: span.start, end: span.end, plays: span.last - span.first, msPlayed, topArtist: index.artists[topArtist]?.name ?? "" };
}

/** The median of the values (reorders them: quickselect, linear time). */
function medianOf(values: Float64Array): number {
  const middle = values.length >> 1;
  const upper = selectKth(values, middle);
  if (values.length % 2 === 1) return upper;
  // After the selection everything before `middle` is ≤ it: the lower middle is their largest.
  let lower = Number.NEGATIVE_INFINITY;
  for (let at = 0; at < middle; at++) if ((values[at] as number) > lower) lower = values[at] as number;
  return (lower + upper) / 2;
}

/** The k-th smallest value (0-based), partitioning the array around it in place (Hoare's selection). */
function selectKth(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1] as number;
    let left = low;
    let right = high;
    while (left <= right) {
      while ((values[left] as number) < pivot) left++;
      while ((values[right] as number) > pivot) right--;
      if (left <= right) {
        const swap = values[left] as number;
        values[left++] = values[right] as number;
        values[right--] = swap;
      }
    }
    if (k <= right) high = right;
    else if (k >= left) low = left;
    else break;
  }
  return values[k] as number;
}
