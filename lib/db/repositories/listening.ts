import type { Store } from "../port";
import { collections, type ListeningSegmentDocument } from "../schema";

/** What a segment keeps of a play: enough for every insight, nothing personal. */
export interface SegmentPlay {
  playedAt: Date;
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
  timePrecision?: "second" | "minute";
}

/** A decoded segment row (flags: 1 skipped, 2 shuffle, 4 minute precision). */
export interface SegmentRow {
  playedAt: number;
  msPlayed: number;
  trackKey: string;
  trackId: string | null;
  trackName: string;
  artistName: string;
  albumName: string | null;
  platform: string | null;
  flags: number;
}

interface Columns {
  t: number[];
  ms: number[];
  k: number[];
  /** [trackKey, trackId, trackName, artistName, albumName] */
  tracks: Array<[string, string | null, string, string, string | null]>;
  p: number[];
  platforms: string[];
  f: number[];
}

/** A play's key in `removed` segments and in the index: `<playedAt ms>|<trackKey>`. */
export const removalKey = (playedAt: number, trackKey: string) => `${playedAt}|${trackKey}`;

export function encodePlays(plays: SegmentPlay[]): string {
  const columns: Columns = { t: [], ms: [], k: [], tracks: [], p: [], platforms: [], f: [] };
  const trackIndex = new Map<string, number>();
  const platformIndex = new Map<string, number>();
  for (const play of plays) {
    let track = trackIndex.get(play.trackKey);
    if (track === undefined) {
      track = columns.tracks.push([play.trackKey, play.trackId, play.trackName, play.artistName, play.albumName]) - 1;
      trackIndex.set(play.trackKey, track);
    }
    let platform = -1;
    if (play.platform) {
      platform = platformIndex.get(play.platform) ?? -1;
      if (platform < 0) {
        platform = columns.platforms.push(play.platform) - 1;
        platformIndex.set(play.platform, platform);
      }
    }
    columns.t.push(play.playedAt.getTime());
    columns.ms.push(play.msPlayed);
    columns.k.push(track);
    columns.p.push(platform);
    columns.f.push((play.skipped === true || play.reasonEnd === "fwdbtn" ? 1 : 0) | (play.shuffle === true ? 2 : 0) | (play.timePrecision === "minute" ? 4 : 0));
  }
  return JSON.stringify(columns);
}

export function decodePlays(data: string, visit: (row: SegmentRow) => void): void {
  const columns = JSON.parse(data) as Columns;
  for (let i = 0; i < columns.t.length; i += 1) {
    const track = columns.tracks[columns.k[i]!]!;
    const platform = columns.p[i]!;
    visit({
      playedAt: columns.t[i]!,
      msPlayed: columns.ms[i]!,
      trackKey: track[0],
      trackId: track[1],
      trackName: track[2],
      artistName: track[3],
      albumName: track[4],
      platform: platform >= 0 ? (columns.platforms[platform] ?? null) : null,
      flags: columns.f[i]!,
    });
  }
}

const revisionId = (userId: string) => `revision|${userId}`;

export function listeningRepository(store: Store) {
  const segments = store.collection<ListeningSegmentDocument>(collections.listening);
  // The revision counter lives in the same collection, without a userId, so it never reads as a segment.
  const counters = store.collection<{ _id: string; revision: number }>(collections.listening);

  const bump = async (userId: string) => {
    await counters.updateOne({ _id: revisionId(userId) }, { $inc: { revision: 1 } }, { upsert: true });
  };

  const put = async (document: ListeningSegmentDocument) => {
    const { _id, ...fields } = document;
    await segments.updateOne({ _id }, { $set: fields }, { upsert: true });
  };

  return {
    /**
     * Writes the plays one source added (an import chunk, a sync run) as one segment. The id comes
     * from the source, so a retried chunk replaces its segment rather than adding a second one.
     */
    async appendPlays(userId: string, sourceKey: string, plays: SegmentPlay[], now = new Date()): Promise<void> {
      if (plays.length === 0) return;
      await put({ _id: `${userId}|${sourceKey}`, userId, kind: "plays", count: plays.length, data: encodePlays(plays), createdAt: now });
      await bump(userId);
    },

    /** Records plays deleted from `plays` (account-data rows an exact row replaced). */
    async appendRemoved(userId: string, sourceKey: string, keys: string[], now = new Date()): Promise<void> {
      if (keys.length === 0) return;
      await put({ _id: `${userId}|${sourceKey}|removed`, userId, kind: "removed", count: keys.length, data: JSON.stringify(keys), createdAt: now });
      await bump(userId);
    },

    /** Changes whenever the listener's segments change (0 for a listener with none). */
    async revision(userId: string): Promise<number> {
      return (await counters.findOne({ _id: revisionId(userId) }))?.revision ?? 0;
    },

    segments(userId: string): Promise<ListeningSegmentDocument[]> {
      return segments.find({ userId }, { sort: { createdAt: 1 } });
    },

    /** Replaces several small segments by one (the rows already merged by the caller). */
    async merge(userId: string, ids: string[], plays: SegmentPlay[], now = new Date()): Promise<void> {
      await put({ _id: `${userId}|merged|${now.getTime()}`, userId, kind: "plays", count: plays.length, data: encodePlays(plays), createdAt: new Date(0) });
      await segments.deleteMany({ userId, _id: { $in: ids } });
      await bump(userId);
    },

    /** A one-off fact about the data (a seed that finished), kept beside the segments. */
    async setFlag(name: string): Promise<void> {
      await counters.updateOne({ _id: `flag|${name}` }, { $set: { revision: 1 } }, { upsert: true });
    },

    async hasFlag(name: string): Promise<boolean> {
      return (await counters.findOne({ _id: `flag|${name}` })) !== null;
    },

    async deleteAll(userId: string): Promise<void> {
      await segments.deleteMany({ userId });
      await bump(userId);
    },
  };
}

export type ListeningRepository = ReturnType<typeof listeningRepository>;
