/**
 * Builds a `ListeningIndex` from plays: rows are dictionary-encoded as they are added (tracks by
 * track key, artists by normalised name, albums by artist and normalised album name, platforms by
 * family), then sorted by time into typed arrays. Pure: no I/O.
 *
 * One file: the builder, its dictionaries and the typed-array layout it writes are one
 * format; splitting them would split the format.
 */
import { normaliseName } from "./identity";
import { emptyIndex, type AlbumEntry, type ArtistEntry, type ListeningIndex, type TrackEntry } from "./listening-index";
import type { PlayRow } from "./row";

/** The platform families, in the order the builder checks them. */
export const PLATFORM_FAMILIES = ["android", "ios", "windows", "macos", "linux", "web", "cast", "tv", "console", "car", "other"] as const;

/** One of the platform families the index stores. */
export type PlatformFamily = (typeof PLATFORM_FAMILIES)[number];

/**
 * Checked in order, on the lower-cased string with "_" and "-" read as spaces: specific devices
 * first, since their strings often name an OS too ("Partner android_tv …", "web_player linux …").
 */
const FAMILY_PATTERNS: ReadonlyArray<readonly [PlatformFamily, RegExp]> = [
  ["car", /\bandroid ?auto\b|\bcarplay\b|\bautomotive\b|\bcar\b|\bcar ?thing\b|\btesla\b/],
  ["console", /\bplaystation|\bps[345]\b|\bxbox|\bnintendo\b/],
  ["cast", /\bcast|chromecast|\bsonos\b|\bspeaker|\bbose\b|\bamazon ?echo\b|\balexa\b|\bhomepod\b|\bheos\b|\bbluesound\b|\bjbl\b/],
  ["tv", /\btv\b|\bsmart ?tv|\btvos\b|\btizen\b|\bwebos\b|\broku\b|\bfire ?tv\b|\bbravia\b|\bvizio\b|\bhisense\b/],
  ["web", /\bweb ?player\b|\bweb\b|\bbrowser\b|\bchrome\b|\bfirefox\b|\bsafari\b|\bmozilla\b/],
  ["ios", /\bios\b|\biphone|\bipad|\bipod/],
  ["android", /\bandroid/],
  ["windows", /\bwindows\b|\bwin(32|64)?\b/],
  ["macos", /\bos ?x\b|\bmac ?os|\bmacintosh\b|\bmac\b|\bdarwin\b/],
  ["linux", /\blinux\b|\bubuntu\b|\bdebian\b|\bfedora\b/],
];

/**
 * The family of a raw Spotify platform string ("Android OS 9 API 28 (…)", "iOS 14.4 (iPhone12,1)",
 * "web_player linux ;chrome 90", "Partner sonos_…", "ps4") for the platform widget. Unknown,
 * empty or missing strings (and a bare "desktop", whose OS is unknown) are "other".
 */
export function platformFamily(raw: string | null): PlatformFamily {
  if (!raw) return "other";
  const value = raw.toLowerCase().replace(/[_-]+/g, " ");
  for (const [family, pattern] of FAMILY_PATTERNS) {
    if (pattern.test(value)) return family;
  }
  return "other";
}

const INITIAL_CAPACITY = 1024;

/**
 * Collects plays for one listener and builds their `ListeningIndex`. `add` encodes each row as it
 * comes (a handful of map lookups), `build` sorts by time, drops tombstoned plays and keeps only
 * dictionary entries some remaining play uses.
 */
export class IndexBuilder {
  private readonly userId: string;
  private readonly revision: number;
  private size = 0;
  private playedAt = new Float64Array(INITIAL_CAPACITY);
  private msPlayed = new Int32Array(INITIAL_CAPACITY);
  private track = new Int32Array(INITIAL_CAPACITY);
  private artist = new Int32Array(INITIAL_CAPACITY);
  private album = new Int32Array(INITIAL_CAPACITY);
  private platform = new Uint8Array(INITIAL_CAPACITY);
  private flags = new Uint8Array(INITIAL_CAPACITY);
  private readonly tracks: TrackEntry[] = [];
  private readonly artists: ArtistEntry[] = [];
  private readonly albums: AlbumEntry[] = [];
  private readonly platforms: string[] = [];
  private readonly trackIds = new Map<string, number>();
  private readonly artistIds = new Map<string, number>();
  /** Raw artist name → artist id, so a repeated name skips normalisation. */
  private readonly artistByRawName = new Map<string, number>();
  private readonly albumIds = new Map<string, number>();
  /** `${artistId}\n${raw album name}` → album id. */
  private readonly albumByRawName = new Map<string, number>();
  private readonly platformIds = new Map<string, number>();
  private readonly platformByRaw = new Map<string | null, number>();
  private lastPlatformRaw: string | null = null;
  private lastPlatform = -1;
  /** Per track: the artist and album names of its first row. */
  private readonly trackArtistNames: string[] = [];
  private readonly trackAlbumNames: Array<string | null> = [];

  constructor(userId: string, revision: number) {
    this.userId = userId;
    this.revision = revision;
  }

  /** Adds one play (any order; `build` sorts). */
  add(row: PlayRow): void {
    if (this.size === this.playedAt.length) this.grow();
    const at = this.size++;
    let track = this.trackIds.get(row.trackKey) ?? -1;
    let artist: number;
    let album: number;
    // A known track played under the names it was first seen with needs no further lookups.
    if (track >= 0 && this.trackArtistNames[track] === row.artistName && this.trackAlbumNames[track] === row.albumName) {
      const entry = this.tracks[track] as TrackEntry;
      artist = entry.artist;
      album = entry.album;
    } else {
      artist = this.artistId(row.artistName);
      album = this.albumId(artist, row.albumName);
      if (track < 0) track = this.newTrack(row, artist, album);
    }
    this.playedAt[at] = row.playedAt;
    this.msPlayed[at] = row.msPlayed;
    this.track[at] = track;
    this.artist[at] = artist;
    this.album[at] = album;
    this.platform[at] = this.platformId(row.platform);
    this.flags[at] = row.flags;
  }

  /**
   * The index of every play added so far, minus the plays whose `${playedAt}|${trackKey}` is in
   * `removed` (tombstones). Rows are sorted by `playedAt` (stable: equal times keep their order);
   * dictionaries are renumbered in order of first play and hold only entries still in use.
   */
  build(removed?: ReadonlySet<string>): ListeningIndex {
    const kept = this.keptRows(removed);
    const count = kept.length;
    if (count === 0) return emptyIndex(this.userId, this.revision);
    const order = sortedOrder(this.playedAt, kept);

    const index: ListeningIndex = {
      userId: this.userId,
      revision: this.revision,
      count,
      playedAt: new Float64Array(count),
      msPlayed: new Int32Array(count),
      track: new Int32Array(count),
      artist: new Int32Array(count),
      album: new Int32Array(count),
      platform: new Uint8Array(count),
      flags: new Uint8Array(count),
      tracks: [],
      artists: [],
      albums: [],
      platforms: [],
    };
    const remap = {
      track: new Int32Array(this.tracks.length).fill(-1),
      artist: new Int32Array(this.artists.length).fill(-1),
      album: new Int32Array(this.albums.length).fill(-1),
      platform: new Int32Array(this.platforms.length).fill(-1),
    };
    const mapArtist = (id: number): number => {
      let mapped = remap.artist[id] as number;
      if (mapped < 0) {
        mapped = remap.artist[id] = index.artists.length;
        index.artists.push(this.artists[id] as ArtistEntry);
      }
      return mapped;
    };
    const mapAlbum = (id: number): number => {
      if (id < 0) return -1;
      let mapped = remap.album[id] as number;
      if (mapped < 0) {
        const entry = this.albums[id] as AlbumEntry;
        mapped = remap.album[id] = index.albums.length;
        index.albums.push({ key: entry.key, name: entry.name, artist: mapArtist(entry.artist) });
      }
      return mapped;
    };
    const mapTrack = (id: number): number => {
      let mapped = remap.track[id] as number;
      if (mapped < 0) {
        const entry = this.tracks[id] as TrackEntry;
        mapped = remap.track[id] = index.tracks.length;
        index.tracks.push({
          key: entry.key,
          trackId: entry.trackId,
          name: entry.name,
          artist: mapArtist(entry.artist),
          album: mapAlbum(entry.album),
        });
      }
      return mapped;
    };

    for (let at = 0; at < count; at++) {
      const row = order[at] as number;
      index.playedAt[at] = this.playedAt[row] as number;
      index.msPlayed[at] = this.msPlayed[row] as number;
      index.artist[at] = mapArtist(this.artist[row] as number);
      index.album[at] = mapAlbum(this.album[row] as number);
      index.track[at] = mapTrack(this.track[row] as number);
      const platform = this.platform[row] as number;
      let mappedPlatform = remap.platform[platform] as number;
      if (mappedPlatform < 0) {
        mappedPlatform = remap.platform[platform] = index.platforms.length;
        index.platforms.push(this.platforms[platform] as string);
      }
      index.platform[at] = mappedPlatform;
      index.flags[at] = this.flags[row] as number;
    }
    return index;
  }

  private keptRows(removed: ReadonlySet<string> | undefined): Uint32Array {
    const all = new Uint32Array(this.size);
    const tombstones = tombstonesByTime(removed);
    let kept = 0;
    for (let row = 0; row < this.size; row++) {
      if (tombstones) {
        const keys = tombstones.get(this.playedAt[row] as number);
        if (keys && keys.has((this.tracks[this.track[row] as number] as TrackEntry).key)) continue;
      }
      all[kept++] = row;
    }
    return kept === this.size ? all : all.slice(0, kept);
  }

  private grow(): void {
    const capacity = this.playedAt.length * 2;
    this.playedAt = resized(this.playedAt, new Float64Array(capacity));
    this.msPlayed = resized(this.msPlayed, new Int32Array(capacity));
    this.track = resized(this.track, new Int32Array(capacity));
    this.artist = resized(this.artist, new Int32Array(capacity));
    this.album = resized(this.album, new Int32Array(capacity));
    this.platform = resized(this.platform, new Uint8Array(capacity));
    this.flags = resized(this.flags, new Uint8Array(capacity));
  }

  private artistId(name: string): number {
    const known = this.artistByRawName.get(name);
    if (known !== undefined) return known;
    const key = normaliseName(name);
    let id = this.artistIds.get(key);
    if (id === undefined) {
      id = this.artists.length;
      this.artists.push({ key, name });
      this.artistIds.set(key, id);
    }
    this.artistByRawName.set(name, id);
    return id;
  }

  private albumId(artist: number, name: string | null): number {
    if (!name || !name.trim()) return -1;
    const raw = `${artist}\n${name}`;
    const known = this.albumByRawName.get(raw);
    if (known !== undefined) return known;
    const key = `${(this.artists[artist] as ArtistEntry).key}|${normaliseName(name)}`;
    let id = this.albumIds.get(key);
    if (id === undefined) {
      id = this.albums.length;
      this.albums.push({ key, name, artist });
      this.albumIds.set(key, id);
    }
    this.albumByRawName.set(raw, id);
    return id;
  }

  private newTrack(row: PlayRow, artist: number, album: number): number {
    const id = this.tracks.length;
    this.tracks.push({ key: row.trackKey, trackId: row.trackId, name: row.trackName, artist, album });
    this.trackArtistNames.push(row.artistName);
    this.trackAlbumNames.push(row.albumName);
    this.trackIds.set(row.trackKey, id);
    return id;
  }

  private platformId(raw: string | null): number {
    // Plays come in runs from one device: the last answer is usually the right one.
    if (raw === this.lastPlatformRaw && this.lastPlatform >= 0) return this.lastPlatform;
    const known = this.platformByRaw.get(raw);
    if (known !== undefined) {
      this.lastPlatformRaw = raw;
      this.lastPlatform = known;
      return known;
    }
    const family = platformFamily(raw);
    let id = this.platformIds.get(family);
    if (id === undefined) {
      id = this.platforms.length;
      this.platforms.push(family);
      this.platformIds.set(family, id);
    }
    this.platformByRaw.set(raw, id);
    this.lastPlatformRaw = raw;
    this.lastPlatform = id;
    return id;
  }
}

/** Tombstone keys (`${playedAt}|${trackKey}`) grouped by time, so rows are checked by a number lookup. */
function tombstonesByTime(removed: ReadonlySet<string> | undefined): Map<number, Set<string>> | null {
  if (!removed || removed.size === 0) return null;
  const byTime = new Map<number, Set<string>>();
  for (const key of removed) {
    const bar = key.indexOf("|");
    if (bar < 0) continue;
    const playedAt = Number(key.slice(0, bar));
    if (!Number.isFinite(playedAt)) continue;
    let keys = byTime.get(playedAt);
    if (!keys) byTime.set(playedAt, (keys = new Set()));
    keys.add(key.slice(bar + 1));
  }
  return byTime.size > 0 ? byTime : null;
}

function resized<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** `rows` ordered by their time, stable (a bottom-up merge sort on copied keys; already-sorted input costs one pass). */
function sortedOrder(playedAt: Float64Array, rows: Uint32Array): Uint32Array {
  const count = rows.length;
  let sorted = true;
  for (let at = 1; at < count && sorted; at++)
    sorted = (playedAt[rows[at - 1] as number] as number) <= (playedAt[rows[at] as number] as number);
  if (sorted) return rows;

  let keys = new Float64Array(count);
  let order = new Uint32Array(rows);
  for (let at = 0; at < count; at++) keys[at] = playedAt[rows[at] as number] as number;
  const RUN = 32;
  for (let start = 0; start < count; start += RUN) insertionSort(keys, order, start, Math.min(start + RUN, count));
  let keysOut = new Float64Array(count);
  let orderOut = new Uint32Array(count);
  for (let width = RUN; width < count; width *= 2) {
    for (let low = 0; low < count; low += 2 * width) {
      const middle = Math.min(low + width, count);
      const high = Math.min(low + 2 * width, count);
      mergeRuns(keys, order, keysOut, orderOut, low, middle, high);
    }
    [keys, keysOut] = [keysOut, keys];
    [order, orderOut] = [orderOut, order];
  }
  return order;
}

function insertionSort(keys: Float64Array, order: Uint32Array, start: number, end: number): void {
  for (let at = start + 1; at < end; at++) {
    const key = keys[at] as number;
    const row = order[at] as number;
    let to = at - 1;
    while (to >= start && (keys[to] as number) > key) {
      keys[to + 1] = keys[to] as number;
      order[to + 1] = order[to] as number;
      to--;
    }
    keys[to + 1] = key;
    order[to + 1] = row;
  }
}

function mergeRuns(
  keys: Float64Array,
  order: Uint32Array,
  keysOut: Float64Array,
  orderOut: Uint32Array,
  low: number,
  middle: number,
  high: number,
): void {
  if (middle >= high || (keys[middle - 1] as number) <= (keys[middle] as number)) {
    keysOut.set(keys.subarray(low, high), low);
    orderOut.set(order.subarray(low, high), low);
    return;
  }
  let left = low;
  let right = middle;
  let to = low;
  while (left < middle && right < high) {
    // Strictly less from the right keeps equal keys in their original order.
    if ((keys[right] as number) < (keys[left] as number)) {
      keysOut[to] = keys[right] as number;
      orderOut[to++] = order[right++] as number;
    } else {
      keysOut[to] = keys[left] as number;
      orderOut[to++] = order[left++] as number;
    }
  }
  while (left < middle) {
    keysOut[to] = keys[left] as number;
    orderOut[to++] = order[left++] as number;
  }
  while (right < high) {
    keysOut[to] = keys[right] as number;
    orderOut[to++] = order[right++] as number;
  }
}
