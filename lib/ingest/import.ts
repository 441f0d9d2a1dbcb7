import "server-only";
import { playsRepository, rollupsRepository, type ChunkTally, type NewPlay, type Store } from "@/lib/db";
import { nameKeyFor, removalKey, storePlayBatch, trackKeyFor } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { parseInstant } from "./parse/fields";
import type { DaySpan } from "./pipeline";
import { LISTEN_THRESHOLD_MS, type ImportRow, type RejectionReason } from "./rows";

export interface ChunkOutcome {
  accepted: number;
  short: number;
  duplicate: number;
}

const MINUTE = 60_000;
const minuteOf = (time: number) => Math.floor(time / MINUTE) * MINUTE;
/** How far past a chunk's last minute `reconcileMinutePrecision` reads the stored plays. */
const RECONCILE_REACH_MS = 2 * MINUTE;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The UTC days storing these time-sorted rows reads or writes: their own, and the next when the
 * reconciliation window reaches past midnight. Chunks of other days can be stored at the same time.
 */
export function daySpan(rows: readonly Pick<ImportRow, "endedAt">[]): DaySpan {
  const first = Date.parse(rows[0]!.endedAt);
  const last = Date.parse(rows[rows.length - 1]!.endedAt);
  return { first: dayOf(first), last: dayOf(minuteOf(last) + RECONCILE_REACH_MS) };
}

/** A track's strings, as every play of the track holds them. */
interface TrackStrings {
  trackId: string | null;
  trackName: string;
  artistName: string;
  albumName: string | null;
  trackKey: string;
  nameKey: string;
}

// A history repeats each track's names in hundreds of rows, each parsed into strings of its own,
// and the embedded store keeps every play in memory: one copy per track instead of one per play
// took 37% off the heap a 300,000-play import leaves (and the garbage collector's work).
// Bounded, like the name cache of `normaliseName`.
const knownTracks = perProcess("ingest.trackStrings", () => new Map<string, TrackStrings>());
const knownCodes = perProcess("ingest.codeStrings", () => new Map<string, string>());
const MAX_KNOWN_TRACKS = 50_000;
const MAX_KNOWN_CODES = 1_000;

/** The strings of the row's track: the copy an earlier row of the same track made, when one did. */
function trackStrings(row: ImportRow): TrackStrings {
  // A track id has no newline, so the two kinds of key never meet.
  const key = row.trackId ?? `${row.artistName}\n${row.trackName}`;
  const known = knownTracks.get(key);
  if (known && known.trackName === row.trackName && known.artistName === row.artistName && known.albumName === row.albumName) return known;
  const names = { trackId: row.trackId, trackName: row.trackName, artistName: row.artistName };
  const track = { ...names, albumName: row.albumName, trackKey: trackKeyFor(names), nameKey: nameKeyFor(names) };
  if (knownTracks.size >= MAX_KNOWN_TRACKS) knownTracks.clear();
  knownTracks.set(key, track);
  return track;
}

/** One copy of a short code (platform, reason): a history has a handful of each. */
function code(value: string | null): string | null {
  if (value === null) return null;
  const known = knownCodes.get(value);
  if (known !== undefined) return known;
  if (knownCodes.size >= MAX_KNOWN_CODES) knownCodes.clear();
  knownCodes.set(value, value);
  return value;
}

/** When the row's stream ended, in whole seconds for every source: the export has seconds, sync gets milliseconds. */
function endOf(row: ImportRow): number {
  // Our own reader first (the engine's is slower); a form it does not know goes to the engine's.
  const ms = parseInstant(row.endedAt);
  const time = Number.isNaN(ms) ? Date.parse(row.endedAt) : ms;
  // Down to the second, as setting a date's milliseconds to zero does (before 1970 too).
  return Math.floor(time / 1000) * 1000;
}

function toPlay(row: ImportRow, importId: string, importChunk: string): NewPlay {
  const endedAt = new Date(endOf(row));
  const track = trackStrings(row);
  return {
    playedAt: endedAt,
    trackKey: track.trackKey,
    nameKey: track.nameKey,
    trackId: track.trackId,
    trackName: track.trackName,
    artistName: track.artistName,
    albumName: track.albumName,
    msPlayed: row.msPlayed,
    skipped: row.skipped,
    reasonStart: code(row.reasonStart),
    reasonEnd: code(row.reasonEnd),
    shuffle: row.shuffle,
    platform: code(row.platform),
    source: "import",
    importId,
    importChunk,
    timePrecision: row.kind === "account" ? "minute" : "second",
  };
}

/**
 * Account-data rows know only the minute and no track id, so the unique key cannot match them to
 * the exact rows of an extended export. Within the chunk's time window: an account row whose minute
 * and names an existing play already covers is a duplicate; an extended row replaces the
 * minute-precision play it makes redundant.
 */
async function reconcileMinutePrecision(
  store: Store,
  userId: string,
  plays: NewPlay[],
): Promise<{ keep: NewPlay[]; covered: number; superseded: string[]; supersededKeys: string[] }> {
  const hasAccountRows = plays.some((play) => play.timePrecision === "minute");
  if (hasAccountRows) await rollupsRepository(store).markMinutePrecision(userId);
  const times = plays.map((play) => play.playedAt.getTime());
  const from = new Date(minuteOf(Math.min(...times)));
  const to = new Date(minuteOf(Math.max(...times)) + RECONCILE_REACH_MS);
  const existing = await playsRepository(store).window(userId, { from, to }, { playedAt: 1, nameKey: 1, timePrecision: 1, trackKey: 1 });
  if (!hasAccountRows && !existing.some((play) => play.timePrecision === "minute"))
    return { keep: plays, covered: 0, superseded: [], supersededKeys: [] };

  const exactMinutes = new Set<string>();
  const minuteRows = new Map<string, Array<{ id: string; key: string }>>();
  for (const play of existing) {
    const key = `${minuteOf(play.playedAt?.getTime() ?? 0)}|${play.nameKey ?? ""}`;
    const row = { id: play._id, key: removalKey(play.playedAt?.getTime() ?? 0, play.trackKey ?? "") };
    if (play.timePrecision === "minute") minuteRows.set(key, [...(minuteRows.get(key) ?? []), row]);
    else exactMinutes.add(key);
  }
  for (const play of plays) if (play.timePrecision !== "minute") exactMinutes.add(`${minuteOf(play.playedAt.getTime())}|${play.nameKey}`);

  const keep: NewPlay[] = [];
  const superseded: string[] = [];
  const supersededKeys: string[] = [];
  let covered = 0;
  for (const play of plays) {
    const key = `${minuteOf(play.playedAt.getTime())}|${play.nameKey}`;
    if (play.timePrecision === "minute" && exactMinutes.has(key)) {
      covered += 1;
      continue;
    }
    if (play.timePrecision !== "minute") {
      for (const row of minuteRows.get(key) ?? []) {
        superseded.push(row.id);
        supersededKeys.push(row.key);
      }
    }
    keep.push(play);
  }
  return { keep, covered, superseded, supersededKeys };
}

/**
 * Stores one chunk of parsed rows: each stream once (the unique key, plus minute-precision
 * reconciliation), rollups for what is new, and the counts of the report. Safe to retry: rows the
 * same chunk stored on an earlier attempt count as accepted, not duplicate. Plays, rollups and the
 * segment go through `storePlayBatch`, which also finishes a batch a crash stopped midway.
 */
export async function storeRows(
  store: Store,
  userId: string,
  importId: string,
  chunkId: string,
  rows: ImportRow[],
  options: {
    now?: Date;
    listenThresholdMs?: number;
    /**
     * Keys (`removalKey`) of plays stored before this import's first chunk (`storedPlayKeys`):
     * rows among them are duplicates without being sent. Stored by a finished batch of another
     * import, they can never be this chunk's own from an earlier attempt.
     */
    stored?: ReadonlySet<string>;
  } = {},
): Promise<ChunkOutcome> {
  const thresholdMs = options.listenThresholdMs ?? LISTEN_THRESHOLD_MS;
  if (rows.length === 0) return { accepted: 0, short: 0, duplicate: 0 };
  // One string for the chunk's name, shared by its plays (held in memory by the embedded store).
  const importChunk = `${importId}/${chunkId}`;
  // A re-imported export is mostly stored already: those rows are not sent at all. An insert that
  // only meets duplicates costs as much as one that stores (on FerretDB v1 far more: it retries a
  // batch with a duplicate one document at a time). Not when the chunk replaces plays: that takes
  // a batch whatever it stores. (An account with nothing stored, a first import, has no key to build.)
  const stored = options.stored && options.stored.size > 0 ? options.stored : undefined;
  const isStored = (playedAt: number, trackKey: string) => stored!.has(removalKey(playedAt, trackKey));
  // Most imports are extended history only, into an account with no minute-precision plays:
  // nothing to reconcile, so the rows stored already go before any play is made of them (in a
  // re-import, all of them), by the same key their plays would have.
  const reconcile = rows.some((row) => row.kind === "account") || (await rollupsRepository(store).hasMinutePrecision(userId));
  const fresh = stored && !reconcile ? rows.filter((row) => !isStored(endOf(row), trackStrings(row).trackKey)) : rows;
  const candidates = fresh.map((row) => toPlay(row, importId, importChunk)).sort((a, b) => a.playedAt.getTime() - b.playedAt.getTime());
  const { keep, covered, superseded, supersededKeys } = reconcile
    ? await reconcileMinutePrecision(store, userId, candidates)
    : { keep: candidates, covered: 0, superseded: [], supersededKeys: [] };
  const known = stored && reconcile && superseded.length === 0;
  const send = known ? keep.filter((play) => !isStored(play.playedAt.getTime(), play.trackKey)) : keep;
  const { status } = await storePlayBatch(
    store,
    userId,
    { sourceKey: `import|${importId}/${chunkId}`, plays: send, superseded: { ids: superseded, keys: supersededKeys } },
    { now: options.now },
  );
  const outcome: ChunkOutcome = { accepted: 0, short: 0, duplicate: rows.length - fresh.length + covered + keep.length - send.length };
  send.forEach((play, index) => {
    if (status[index] === "duplicate") outcome.duplicate += 1;
    else if (play.msPlayed < thresholdMs) outcome.short += 1;
    else outcome.accepted += 1;
  });
  return outcome;
}

/** The counts one chunk adds to its import's report. */
export function chunkTally(rowsRead: number, outcome: ChunkOutcome, rejected: Partial<Record<RejectionReason, number>>): ChunkTally {
  const rejectedTotal = Object.values(rejected).reduce((sum, count) => sum + (count ?? 0), 0);
  return {
    counts: { read: rowsRead, accepted: outcome.accepted, duplicate: outcome.duplicate, short: outcome.short, rejected: rejectedTotal },
    rejectedReasons: Object.fromEntries(Object.entries(rejected).filter(([, count]) => (count ?? 0) > 0)) as Record<string, number>,
  };
}
